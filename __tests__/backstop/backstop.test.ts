// The QStash backstop, against a loopback QStash written from its documented API that can fire a
// schedule now: created once, then found current or updated in place, never two; a beat that is
// a real write into the real Redis behind the REST front; read back by status; removed by the
// command line; and none of its failures failing the keep-alive, nor any token printed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { freePort } from '../support/redis-server.ts';
import { text } from '../support/resp.ts';
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

function noTokens(run: ActionRun): void {
  for (const secret of [stack.front.tokens.full, qstash.token]) {
    expect(leaks(run.everything, secret), 'a token in what the run printed').toEqual([]);
  }
}

const cli = runCommand;

describe('the backstop schedule', () => {
  it('is created once, found current after, updated in place when it changes: never two', async () => {
    qstash.schedules.clear();
    const first = await runInProcess(inputs());
    expect(first.exitCode).toBe(0);
    expect(first.outputs.backstop).toBe('created');
    expect(qstash.schedules.size).toBe(1);
    const [schedule] = qstash.schedules.values();
    expect(schedule).toMatchObject({ destination: stack.front.url, method: 'POST' });
    expect(schedule?.forward.Authorization).toBe(`Bearer ${stack.front.tokens.full}`);
    expect(schedule?.redacted).toEqual(['authorization']);
    expect(JSON.parse(schedule?.body ?? '')).toEqual([
      'EVAL',
      expect.stringContaining("'TIME'") as unknown,
      '2',
      'upstash-keepalive:backstop-beat',
      'upstash-keepalive:backstop-beats',
    ]);
    expect(schedule?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(schedule?.cron).not.toMatch(/^(0|30|17) /);

    const second = await runInProcess(inputs());
    expect(second.outputs.backstop).toBe('active');
    const changed = await runInProcess(inputs({ 'backstop-cron': '41 15 * * *' }));
    expect(changed.outputs.backstop).toBe('updated');
    expect(qstash.schedules.size).toBe(1);
    expect([...qstash.schedules.values()][0]?.cron).toBe('41 15 * * *');
    for (const run of [first, second, changed]) noTokens(run);
  });

  it('a fired beat writes into the database, and status shows both heartbeats', async () => {
    qstash.schedules.clear();
    await runInProcess(inputs());
    const [id] = qstash.schedules.keys();
    const fired = await qstash.fire(id ?? '');
    expect(fired.status).toBe(200);
    const beat = text(await stack.admin.call('GET', 'upstash-keepalive:backstop-beat'));
    expect(beat).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:backstop-beats'))).toBe('1');
    const status = await runInProcess(
      inputs({ mode: 'status', token: stack.front.tokens.readOnly }),
    );
    expect(status.outputs).toMatchObject({ ok: 'true', 'backstop-last-beat': beat });
    expect(status.summary).toMatch(/\| Last maintenance \| .* \|/);
    expect(status.summary).toMatch(
      /\| QStash backstop \| (active|updated|created); last beat \d{4}.*1 beats \|/,
    );
    noTokens(status);
  });

  it('the command line installs, shows and removes it, and removes nothing else', async () => {
    qstash.schedules.clear();
    qstash.schedules.set('someone-elses', {
      ...structuredClone(await someSchedule()),
      scheduleId: 'someone-elses',
    });
    const env = {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
      QSTASH_TOKEN: qstash.token,
      QSTASH_URL: qstash.url,
    };
    const install = await cli(['backstop', 'install'], env);
    expect(install.code).toBe(0);
    expect(install.all).toMatch(/backstop created/);
    expect(qstash.schedules.size).toBe(2);
    const status = await cli(['backstop', 'status', '--json'], env);
    expect(JSON.parse(status.all)).toMatchObject({
      ok: true,
      databases: [{ exists: true, current: true }],
    });
    const removed = await cli(['backstop', 'remove'], env);
    expect(removed.code).toBe(0);
    expect([...qstash.schedules.keys()]).toEqual(['someone-elses']);
    for (const run of [install, status, removed]) {
      expect(run.all).not.toContain(qstash.token);
      expect(run.all).not.toContain(stack.front.tokens.full);
    }
  });
});

/** A schedule of someone else's, for the removal test. */
async function someSchedule() {
  await runInProcess(inputs({ 'key-prefix': 'other-app' }));
  const found = [...qstash.schedules.values()].find((s) => s.body.includes('other-app'));
  if (!found) throw new Error('no schedule made');
  qstash.schedules.delete(found.scheduleId);
  return found;
}

describe('failures of the backstop never fail the keep-alive', () => {
  it('a wrong QStash token: a warning that says what to fix, a green run', async () => {
    const run = await runInProcess(inputs({ 'qstash-token': 'qstash_wrongToken_0123456789' }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ ok: 'true', backstop: 'off' });
    expect(run.stdout).toMatch(
      /^::warning::127\.0\.0\.1:\d+: QStash refused the token given in qstash-token \(HTTP 401\)/m,
    );
    expect(leaks(run.everything, 'qstash_wrongToken_0123456789')).toEqual([]);
  });

  it('QStash down: a warning, a green run', async () => {
    const run = await runInProcess(
      inputs({ 'qstash-url': `http://127.0.0.1:${await freePort()}` }),
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^::warning::127\.0\.0\.1:\d+: QStash could not be reached/m);
  });

  it('a redis:// database: a warning that the backstop needs the REST URL', async () => {
    const { name, password } = stack.redis.users.full;
    const url = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const run = await runInProcess(inputs({ url, token: '' }));
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /::warning::127\.0\.0\.1:\d+: the QStash backstop needs the database's REST URL/,
    );
    expect(run.outputs.backstop).toBe('off');
  });
});
