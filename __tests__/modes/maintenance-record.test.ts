// The maintenance record stays true whatever happens: every check runs before the first write,
// a run is counted once even when its answer is lost and it retries, time never runs backwards
// (it comes from the database's clock). Concurrent runs and a killed run: __tests__/dist/.

import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { snapshot, useStack } from '../support/fixtures.ts';
import { daily, entry, seedHistory } from '../support/history.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const maintenance = { mode: 'maintenance' };
const full = () => ({ url: stack.front.url, token: stack.front.tokens.full, ...maintenance });

async function get(key: string): Promise<string | null> {
  const value = await stack.admin.call('GET', `upstash-keepalive:${key}`);
  return value === null ? null : text(value);
}

async function metadata(): Promise<Record<string, string>> {
  const flat = ((await stack.admin.call('HGETALL', 'upstash-keepalive:metadata')) as Buffer[]).map(
    text,
  );
  const out: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i] ?? ''] = flat[i + 1] ?? '';
  return out;
}

const UUID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/g;

/** Another run's maintenance: the same request under a nonce of its own, sent to the front. */
async function anotherRun(body: string): Promise<void> {
  const other = randomUUID();
  const answer = await fetch(`${stack.front.url}/multi-exec`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.front.tokens.full}` },
    body: body.replace(UUID, other),
  });
  expect(await answer.text()).toContain('applied');
}

/** `run()` with this process's clock `minutes` behind; redis-server's TIME keeps the real one. */
async function behind<T>(minutes: number, run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({
    now: Date.now() - minutes * 60_000,
    toFake: ['Date'],
    shouldAdvanceTime: true,
  });
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}

describe('every check before the first write', () => {
  it.each(['9223372036854775807', '99999999999999999999', '007', '-1', '9007199254740991'])(
    'a counter of %s is refused and nothing at all is written',
    async (count) => {
      await stack.admin.call('SET', 'upstash-keepalive:count', count);
      await stack.admin.call(
        'SET',
        'upstash-keepalive:last-maintenance',
        '2026-01-01T00:00:00.000Z',
      );
      const before = await snapshot(stack.admin);
      const run = await runInProcess(full());
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(
        /upstash-keepalive:count holds a string that is not a counter the keep-alive can increase/,
      );
      expect(await snapshot(stack.admin)).toEqual(before);
    },
  );

  it('the largest counter JavaScript reads exactly is still increased, and read back exactly', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:count', '9007199254740990');
    const run = await runInProcess(full());
    expect(run.outputs['maintenance-count']).toBe('9007199254740991');
    const status = await runInProcess({ ...full(), mode: 'status' });
    expect(status.outputs['maintenance-count']).toBe('9007199254740991');
  });
});

describe('counted once per run', () => {
  it('an answer lost after the write: the retry is recognised, the count goes up by one', async () => {
    stack.front.intercept = (_req, _res, index) => (index === 0 ? 'lose-answer' : false);
    const run = await runInProcess(full());
    expect(run.exitCode).toBe(0);
    expect(stack.front.requests).toHaveLength(2);
    expect(run.outputs).toMatchObject({ attempts: '2', 'maintenance-count': '1' });
    expect(await get('count')).toBe('1');
    expect(run.outputs['last-maintenance']).toBe(await get('last-maintenance'));
    expect(run.stdout).toContain('already applied by an earlier attempt');
  });

  it.each(['0', '1'])(
    'history-size %s: a lost answer, then another run, then the retry: counted once',
    async (size) => {
      stack.front.intercept = async (request, _res, index) => {
        if (index === 0) return 'lose-answer';
        if (index === 1) await anotherRun(request.body); // lands between the two attempts
        return false;
      };
      const run = await runInProcess({ ...full(), 'history-size': size });
      expect(run.outputs.error).toBe('');
      expect(run.outputs.attempts).toBe('2');
      expect(run.stdout).toContain('already applied by an earlier attempt');
      expect(await get('count')).toBe('2'); // this run once, the other once
    },
  );

  it('the nonces kept for it stay bounded: 32, of at most 64 bytes, whatever was stored', async () => {
    const stored = ['x'.repeat(100_000), ...Array.from({ length: 40 }, (_, i) => `old-${i}`)];
    await stack.admin.call('HSET', 'upstash-keepalive:metadata', 'run-nonces', stored.join(' '));
    await runInProcess(full());
    const meta = await metadata();
    const kept = meta['run-nonces']?.split(' ') ?? [];
    expect(kept).toEqual([meta['run-nonce'], ...stored.slice(1, 32)]);
  });

  it('two runs are two counts: the run nonce differs', async () => {
    await runInProcess(full());
    await runInProcess(full());
    expect(await get('count')).toBe('2');
  });
});

describe('time', () => {
  it("is the database's clock, and never goes back whoever writes", async () => {
    const ahead = new Date(Date.now() + 60_000).toISOString(); // within the skew allowance
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', ahead);
    const run = await runInProcess(full());
    expect(run.outputs['previous-maintenance']).toBe(ahead);
    expect(run.outputs['last-maintenance']).toBe(ahead); // not earlier than what it replaced
    expect((await metadata()).clock).toBe('database');
  });

  it('a stored time far in the future is not kept: it would freeze the record', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', '2999-01-01T00:00:00.000Z');
    const run = await runInProcess(full());
    expect(Date.parse(run.outputs['last-maintenance'] ?? '')).toBeLessThan(Date.now() + 60_000);
    expect(run.outputs['previous-maintenance']).toBe('');
    expect(await get('previous-maintenance')).toBeNull();
  });

  it("the runner's clock 10 min behind the database's: the run's own entry is kept, nothing it wrote is in the future", async () => {
    const days = daily(5, [0]); // the runs of the last four days, from the database's clock
    await seedHistory(
      stack.admin,
      'upstash-keepalive:history',
      days.map((d) => entry(d)),
    );
    await stack.admin.call(
      'SET',
      'upstash-keepalive:last-maintenance',
      days[0]?.toISOString() ?? '',
    );
    const run = await behind(10, () => runInProcess(full()));
    expect(run.outputs.error).toBe('');
    expect((await metadata()).clock).toBe('database');
    expect(run.outputs).toMatchObject({ 'runs-in-history': '5', 'missed-runs': '0' });
    expect(run.outputs['longest-gap-hours']).toBe('24');
    expect(run.everything).not.toMatch(/future/);
    expect(run.summary).toContain(
      `| Last maintenance | ${run.outputs['last-maintenance']} (just now) |`,
    );
  });

  it("the runner's clock 10 min behind: with several databases, none is maintained 'in the future'", async () => {
    const { name, password } = stack.redis.users.full;
    const tcp = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const inputs = { ...full(), url: `${stack.front.url}\n${tcp}` };
    const run = await behind(10, () => runInProcess(inputs));
    expect(run.outputs.error).toBe('');
    expect(run.summary).toContain('2 databases, 2 ok, 0 failed.');
    expect(run.summary.match(/\| \d{4}-\S+Z \(just now\) \|$/gm)).toHaveLength(2);
    expect(run.everything).not.toMatch(/future/);
  });

  it("status with the runner's clock 3 min behind, within the allowance: written just now", async () => {
    await runInProcess(full());
    const run = await behind(3, () => runInProcess({ ...full(), mode: 'status' }));
    expect(run.outputs).toMatchObject({ error: '', 'runs-in-history': '1' });
    expect(run.everything).not.toMatch(/future/);
    expect(run.summary).toMatch(/\| Last maintenance \| \S+ \(just now\) \|/);
  });

  it("falls back to the runner's clock when the server refuses TIME in scripts", async () => {
    const { name, password } = stack.redis.users.noTime;
    const url = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const before = Date.now();
    const run = await runInProcess({ url, ...maintenance });
    expect(run.exitCode).toBe(0);
    expect(Date.parse(run.outputs['last-maintenance'] ?? '')).toBeGreaterThanOrEqual(before - 5);
    expect((await metadata()).clock).toBe('runner');
  });
});
