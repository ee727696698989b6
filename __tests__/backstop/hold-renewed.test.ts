// Regression test from an attack pass: what follows describes the defect as it was found.
// Two workflows with different backstop-cron on one database and prefix: a run leaves the other's
// schedule alone while its setter "is still running" (set within HOLD_DAYS). But a setter that
// runs every day and finds its own schedule current writes nothing, so its Keepalive-Set-By keeps
// the time it first set it: after 7 days the other workflow takes over a schedule whose setter ran
// an hour ago, and 7 days later it is taken back: the flip-flop, once a week, with a warning each way.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { backstopInputs, onlySchedule, useQStash, useStack } from '../support/fixtures.ts';

const stack = useStack();
const fake = useQStash();
const inputs = (extra: Inputs = {}): Inputs => backstopInputs(stack, fake, extra);

const theSchedule = () => onlySchedule(fake);

const workflow = (file: string) => ({
  GITHUB_WORKFLOW_REF: `octo-org/keepalive-demo/.github/workflows/${file}@refs/heads/main`,
  GITHUB_JOB: 'keepalive',
});
const a = () => runInProcess(inputs({ 'backstop-cron': '5 1 * * *' }), workflow('a.yml'));
const b = () => runInProcess(inputs({ 'backstop-cron': '7 2 * * *' }), workflow('b.yml'));

/** Moves the schedule's Keepalive-Set-By back by `days`, as if it had been set then. */
function setDaysAgo(days: number): void {
  const header = theSchedule().forward;
  const [name, value] = Object.entries(header).find(([n]) => /set-by/i.test(n)) ?? [];
  if (!name || !value) throw new Error('no Keepalive-Set-By header');
  header[name] = value.replace(/^\S+/, new Date(Date.now() - days * 86_400_000).toISOString());
}

describe('a setter that still runs every day', () => {
  it('keeps its schedule: the other workflow does not take it over after 7 days', async () => {
    expect((await a()).outputs.backstop).toBe('created');
    // A set it 8 days ago and has run every day since; here is today's run of A.
    setDaysAgo(8);
    const today = await a();
    expect(today.exitCode).toBe(0);
    expect(today.outputs.backstop).toBe('active');
    // B runs an hour later: A is plainly still running, its schedule must be left as it is.
    const other = await b();
    expect(theSchedule().cron).toBe('5 1 * * *');
    expect(other.outputs.backstop).toBe('active');
    expect(other.stdout).not.toMatch(/took over the QStash backstop/);
  });
});
