// keepalive.yml in a repository without its secrets (this action's own, or a copy): its daily run
// says so in one notice and stays green, while a button press or a call from another repository
// still fails on the missing secret. Its conditions are evaluated with GitHub's expression
// library, as the runner would: the job's env first, then each step's `if:`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../support/action.ts';
import { condition, environment } from '../support/expressions.ts';

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
}
const workflow = parseYaml(
  readFileSync(path.join(ROOT, '.github/workflows/keepalive.yml'), 'utf8'),
) as {
  on: { workflow_call: { inputs: Record<string, { default?: string }> } };
  jobs: { keepalive: { env?: Record<string, string>; steps: Step[] } };
};
const job = workflow.jobs.keepalive;

/** The names of the steps that run, given the trigger, the inputs and the secrets. */
function stepsThatRun(
  event: string,
  inputs: Record<string, string>,
  secrets: Record<string, string>,
) {
  const contexts = { github: { event_name: event }, inputs, secrets };
  const env = environment(job.env, contexts);
  return job.steps
    .filter((step) => !step.if || condition(step.if, { ...contexts, env }))
    .map((step) => step.name ?? step.uses ?? '');
}

const both = {
  UPSTASH_REDIS_REST_URL: 'https://x.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'AX1234567',
};
const callDefaults = Object.fromEntries(
  Object.entries(workflow.on.workflow_call.inputs).map(([name, input]) => [
    name,
    input.default ?? '',
  ]),
);
const action = job.steps.find((step) => step.uses === '$/./');
const notice = job.steps.find((step) => step.run?.includes('::notice'));

it('keeps the secrets themselves out of the job environment', () => {
  for (const value of Object.values(job.env ?? {})) {
    expect(value).not.toMatch(/^\$\{\{\s*secrets\.\w+\s*\}\}$/);
  }
});

it('its own schedule without the secrets: one notice naming both, and nothing that fails', () => {
  expect(notice?.name).toBeDefined();
  expect(stepsThatRun('schedule', {}, {})).toEqual([notice?.name]);
  const lines = (notice?.run ?? '').trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^echo "::notice[^"]*UPSTASH_REDIS_REST_URL[^"]*UPSTASH_REDIS_REST_TOKEN/,
  );
});

it('its own schedule with the secrets keeps the database alive, and says nothing more', () => {
  expect(stepsThatRun('schedule', {}, both)).toEqual([action?.name]);
});

it('one secret of two is a mistake, not a repository left unset: the action runs and fails', () => {
  const urlOnly = { UPSTASH_REDIS_REST_URL: both.UPSTASH_REDIS_REST_URL };
  expect(stepsThatRun('schedule', {}, urlOnly)).toEqual([action?.name]);
});

it('a button press, or a call from another repository, fails on the missing secrets', () => {
  expect(stepsThatRun('workflow_dispatch', { mode: 'maintenance' }, {})).toEqual([action?.name]);
  // A called workflow sees its caller's event (a schedule, here) and its own inputs' defaults.
  expect(stepsThatRun('schedule', callDefaults, {})).toEqual([action?.name]);
  expect(stepsThatRun('push', callDefaults, {})).toEqual([action?.name]);
});
