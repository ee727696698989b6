// Only maintenance makes or changes the backstop's schedule. status (often given the read-only
// token, which a schedule would then forward) and ping only read it: active when it is there,
// off with a warning that says how to make it when it is not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { startFakeQStash, type FakeQStash } from '../support/qstash.ts';

const stack = useStack();
let qstash: FakeQStash;
beforeAll(async () => {
  qstash = await startFakeQStash();
});
afterAll(async () => {
  await qstash.close();
});

const inputs = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  'qstash-token': qstash.token,
  'qstash-url': qstash.url,
  ...extra,
});
const writes = () => qstash.requests.filter((r) => r.method !== 'GET');

describe('status and ping only read the backstop', () => {
  for (const mode of ['status', 'ping']) {
    it(`${mode} with no schedule: off, a warning to run maintenance once, nothing made`, async () => {
      qstash.schedules.clear();
      qstash.requests.length = 0;
      const run = await runInProcess(inputs({ mode, token: stack.front.tokens.readOnly }));
      expect(run.exitCode).toBe(0);
      expect(run.outputs.backstop).toBe('off');
      expect(qstash.schedules.size).toBe(0);
      expect(writes()).toEqual([]);
      expect(run.stdout).toMatch(
        /^::warning::127\.0\.0\.1:\d+: no QStash backstop yet: a run in mode maintenance makes it \(or `upstash-keepalive backstop install`\)/m,
      );
      expect(leaks(run.everything, stack.front.tokens.readOnly)).toEqual([]);
    });
  }

  it('status after maintenance: active, the schedule left as maintenance made it', async () => {
    qstash.schedules.clear();
    await runInProcess(inputs());
    const [made] = qstash.schedules.values();
    const before = structuredClone(made);
    qstash.requests.length = 0;
    const status = await runInProcess(
      inputs({ mode: 'status', token: stack.front.tokens.readOnly }),
    );
    expect(status.exitCode).toBe(0);
    expect(status.outputs.backstop).toBe('active');
    expect(writes()).toEqual([]);
    expect([...qstash.schedules.values()]).toEqual([before]);
    expect(before?.forward.Authorization).toBe(`Bearer ${stack.front.tokens.full}`);
    const ping = await runInProcess(inputs({ mode: 'ping' }));
    expect(ping.outputs.backstop).toBe('active');
    expect(writes()).toEqual([]);
  });

  it('status with another backstop-cron: active, and a warning that maintenance updates it', async () => {
    qstash.schedules.clear();
    await runInProcess(inputs());
    qstash.requests.length = 0;
    const status = await runInProcess(inputs({ mode: 'status', 'backstop-cron': '41 15 * * *' }));
    expect(status.outputs.backstop).toBe('active');
    expect(writes()).toEqual([]);
    expect(status.stdout).toMatch(
      /::warning::127\.0\.0\.1:\d+: the QStash backstop does not run at 41 15 \* \* \* UTC as these settings say: the next run in mode maintenance updates it\./,
    );
  });

  it('status of a paused schedule: active, with a warning to resume it', async () => {
    qstash.schedules.clear();
    await runInProcess(inputs());
    for (const s of qstash.schedules.values()) s.isPaused = true;
    const status = await runInProcess(inputs({ mode: 'status' }));
    expect(status.outputs.backstop).toBe('active');
    expect(status.stdout).toMatch(/::warning::127\.0\.0\.1:\d+: the QStash backstop is paused/);
  });
});
