// CI runs the action through the runner as users do (`uses: ./`, as GitHub's action template
// does) against a Redis service container, then checks its outputs. GitHub cannot run here: this
// checks the job's shape, then plays it: each `uses: ./` step is dist/index.js with its `with:`
// (the service's port made a local redis-server's), and the check step's script runs in bash on
// the outputs they wrote, as the runner would pass them.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, runDist } from '../support/action.ts';
import { environment } from '../support/expressions.ts';
import { freePort } from '../support/redis-server.ts';
import { RespConnection } from '../support/resp.ts';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
  run?: string;
  shell?: string;
}
interface Job {
  services?: Record<string, { image: string; ports?: string[] }>;
  steps: Step[];
}
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const ci = parseYaml(read('.github/workflows/ci.yml')) as { jobs: Record<string, Job> };
const job = Object.values(ci.jobs).find((j) => j.steps.some((s) => s.uses === './'));
const steps = job?.steps ?? [];
const actionSteps = steps.filter((s) => s.uses === './');
const check = steps.at(-1);
const declared = Object.keys((parseYaml(read('action.yml')) as { outputs: object }).outputs);

it('a job runs the action with uses: ./ against a redis service, checked out first', () => {
  expect(job, 'a job with a step `uses: ./`').toBeDefined();
  const redis = Object.values(job?.services ?? {}).find((s) => s.image.startsWith('redis:'));
  expect(redis?.ports).toContain('6379:6379');
  const checkout = steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
  expect(checkout).toBeGreaterThanOrEqual(0);
  expect(checkout).toBeLessThan(steps.indexOf(actionSteps[0] ?? {}));
  expect(actionSteps.map((s) => s.with?.mode)).toEqual(['maintenance', 'status']);
  for (const step of actionSteps) {
    expect(step.id).toBeDefined();
    expect(step.with?.url).toBe('redis://localhost:6379');
  }
});

it('the check step reads declared outputs of those steps through env:, in bash', () => {
  expect(check?.shell).toBe('bash');
  const used = Object.values(check?.env ?? {}).flatMap((value) =>
    [...value.matchAll(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  expect(new Set(used.map(([id]) => id))).toEqual(new Set(actionSteps.map((s) => s.id)));
  for (const [, output] of used) expect(declared).toContain(output);
  expect(check?.run).not.toMatch(/\$\{\{/);
});

// The service container: a Redis with its default user open, as the redis image starts.
let port = 0;
let redis: ReturnType<typeof spawn> | undefined;
beforeAll(async () => {
  port = await freePort();
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; ; i++) {
    try {
      const connection = await RespConnection.connect(port);
      await connection.call('PING');
      connection.close();
      return;
    } catch (error) {
      if (i === 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
});
afterAll(() => {
  redis?.kill();
});

/** The outputs of each `uses: ./` step, by id, as the runner collects them. */
async function playActionSteps(): Promise<Record<string, { outputs: Record<string, string> }>> {
  const played: Record<string, { outputs: Record<string, string> }> = {};
  for (const step of actionSteps) {
    const inputs = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([name, value]) => [
        name,
        String(value).replace('localhost:6379', `localhost:${String(port)}`),
      ]),
    );
    const run = await runDist(inputs, { GITHUB_EVENT_NAME: 'push' });
    expect(run.exitCode, run.stdout).toBe(0);
    played[step.id ?? ''] = { outputs: run.outputs };
  }
  return played;
}

/** The check step as `shell: bash` runs it: bash --noprofile --norc -eo pipefail. */
function runCheck(stepsContext: Record<string, { outputs: Record<string, string> }>) {
  const env = environment(check?.env, { steps: stepsContext });
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check?.run ?? ''], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

it('plays: maintenance then status on the service, and the check passes on their outputs', async () => {
  const played = await playActionSteps();
  const passed = runCheck(played);
  expect(passed.stderr + passed.stdout).not.toContain('::error::');
  expect(passed.status).toBe(0);
  // The check can fail: a status that read nothing, or a count that is not the one written.
  const [maintenance, status] = actionSteps.map((s) => s.id ?? '');
  for (const [id, output, value] of [
    [status, 'ok', 'false'],
    [status, 'maintenance-count', '0'],
    [maintenance, 'last-maintenance', ''],
  ] as const) {
    const outputs = { ...played[id ?? '']?.outputs, [output]: value };
    const failed = runCheck({ ...played, [id ?? '']: { outputs } });
    expect(failed.status, `${id ?? ''}.${output}=${value}`).not.toBe(0);
    expect(failed.stdout).toMatch(/^::error::/m);
  }
}, 30_000);
