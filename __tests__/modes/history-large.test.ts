// Large values someone else stored under the prefix: the replies stay under the 1 MiB a reply may
// have. maintenance's script returns an oversized history entry as nothing and any other
// oversized value as a note of its size, so its one reply stays bounded; status, whose read-only
// token may not run a script, reads the history again in parts. Against a real redis-server
// behind the REST front, and over redis://.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { useStack } from '../support/fixtures.ts';
import { entry, HOUR, seedHistory } from '../support/history.ts';

const stack = useStack();
const KEY = 'upstash-keepalive:history';
const DAY = 24 * HOUR;
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});
const seed = (entries: string[]) => seedHistory(stack.admin, KEY, entries);

/** Daily entries as the keep-alive writes them, the newest a minute ago. */
const days = (count: number) =>
  Array.from({ length: count }, (_, i) => entry(new Date(Date.now() - 60_000 - i * DAY)));

describe('a large foreign history', () => {
  const big = () =>
    Array.from({ length: 1000 }, (_, i) =>
      entry(new Date(Date.now() - (i + 1) * DAY), { 'run-id': 'x'.repeat(1400) }),
    );

  it('1,000 entries of 1.4 KB: status and maintenance succeed, the entries left out', async () => {
    await seed(big());
    const status = await runInProcess(full({ mode: 'status', 'history-size': '1000' }));
    expect(status.outputs.error).toBe('');
    expect(status.outputs['runs-in-history']).toBe('0');
    expect(status.stdout).toMatch(/1000 entries not written by the keep-alive left out/);
    const run = await runInProcess(full({ mode: 'maintenance', 'history-size': '1000' }));
    expect(run.outputs.error).toBe('');
    expect(run.outputs).toMatchObject({ 'maintenance-count': '1', 'runs-in-history': '1' });
    expect(run.stdout).toMatch(/999 entries not written by the keep-alive left out/);
    // maintenance is still one request: the script bounds its reply itself.
    expect(stack.front.requests.filter((r) => r.path === '/multi-exec')).toHaveLength(1);
  });

  it('one entry of 2 MB among the keep-alive runs: status reads the others, over REST and TCP', async () => {
    const daily = days(20);
    await seed([
      ...daily.slice(0, 5),
      entry(new Date(), { 'run-id': 'x'.repeat(2 ** 21) }),
      ...daily.slice(5),
    ]);
    const { port, users } = stack.redis;
    const tcp = `redis://${users.readOnly.name}:${users.readOnly.password}@127.0.0.1:${port}`;
    for (const url of [stack.front.url, tcp]) {
      const run = await runInProcess(full({ url, mode: 'status', 'max-missed-runs': '0' }));
      expect(run.outputs.error).toBe('');
      expect(run.outputs).toMatchObject({ 'runs-in-history': '20', 'missed-runs': '0' });
      expect(run.stdout).toMatch(/1 entry not written by the keep-alive left out/);
    }
  });

  it('the largest reply: 1,000 entries of 512 bytes and a 2 MB beat, in one request', async () => {
    const at = (i: number) => new Date(Date.now() - (i + 1) * DAY);
    const pad = 512 - Buffer.byteLength(entry(at(0), { 'run-id': '' }));
    await seed(Array.from({ length: 1000 }, (_, i) => entry(at(i), { 'run-id': 'x'.repeat(pad) })));
    expect(Buffer.byteLength(entry(at(0), { 'run-id': 'x'.repeat(pad) }))).toBe(512);
    const huge = 'x'.repeat(2 ** 21);
    await stack.admin.call('SET', 'upstash-keepalive:backstop-beat', huge);
    await stack.admin.call('SET', 'upstash-keepalive:backstop-beats', huge);
    const run = await runInProcess(full({ mode: 'maintenance', 'history-size': '1000' }));
    expect(run.outputs.error).toBe('');
    // 999 of those entries read (one fell off the capped list), and this run's own.
    expect(run.outputs).toMatchObject({ 'maintenance-count': '1', 'runs-in-history': '1000' });
    expect(run.outputs['backstop-last-beat']).toBe('');
    expect(stack.front.requests).toHaveLength(1);
  });

  it('a history of entries too large each: status reads a bounded number of parts', async () => {
    const huge = entry(new Date(), { 'run-id': 'x'.repeat(800_000) }); // over 1 MiB in base64
    await seed([...days(2), ...Array.from({ length: 10 }, () => huge), ...days(3).slice(2)]);
    const run = await runInProcess(full({ mode: 'status', 'history-size': '1000' }));
    expect(run.outputs.error).toBe('');
    expect(run.outputs['runs-in-history']).toBe('2');
    expect(run.stdout).toMatch(/11 entries not written by the keep-alive left out/);
    // The whole, the lengths (LLEN among them), the record, then at most 16 parts: the last run
    // was past them.
    expect(stack.front.requests.length).toBeLessThanOrEqual(19);
  });

  it("the keep-alive's own entries stay small, whatever the runner's variables hold", async () => {
    const env = {
      GITHUB_REPOSITORY: '😀'.repeat(400),
      GITHUB_RUN_ID: '"\\'.repeat(400),
      GITHUB_EVENT_NAME: '\u0001'.repeat(400),
    };
    const run = await runInProcess(full({ mode: 'maintenance' }), env);
    expect(run.outputs.error).toBe('');
    const raw = (await stack.admin.call('LINDEX', KEY, '0')) as Buffer;
    expect(raw.length).toBeLessThanOrEqual(512);
    const status = await runInProcess(full({ mode: 'status' }));
    expect(status.outputs['runs-in-history']).toBe('1');
  });
});

describe('large values in the record', () => {
  const huge = 'x'.repeat(2 * 1024 * 1024);
  const tcp = () => {
    const { users } = stack.redis;
    return `redis://${users.readOnly.name}:${users.readOnly.password}@127.0.0.1:${stack.redis.port}`;
  };

  it('a 2 MB beat, beat count and metadata field: status reads the rest, over REST and TCP', async () => {
    expect((await runInProcess(full({ mode: 'maintenance' }))).outputs.error).toBe('');
    await stack.admin.call('SET', 'upstash-keepalive:backstop-beat', huge);
    await stack.admin.call('SET', 'upstash-keepalive:backstop-beats', huge);
    await stack.admin.call('HSET', 'upstash-keepalive:metadata', 'run-url', huge);
    for (const url of [stack.front.url, tcp()]) {
      const run = await runInProcess(full({ url, mode: 'status' }));
      expect(run.outputs.error).toBe('');
      expect(run.outputs).toMatchObject({
        ok: 'true',
        'maintenance-count': '1',
        'runs-in-history': '1',
        'backstop-last-beat': '',
      });
    }
  });

  it('a 2 MB last-maintenance: status says which key holds what, not that the answer is too large', async () => {
    expect((await runInProcess(full({ mode: 'maintenance' }))).outputs.error).toBe('');
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', huge);
    for (const url of [stack.front.url, tcp()]) {
      const run = await runInProcess(full({ url, mode: 'status' }));
      expect(run.outputs.error).toMatch(
        /^Verification failed: upstash-keepalive:last-maintenance read back \(a value of 2097152 bytes, not read\)/,
      );
    }
  });
});
