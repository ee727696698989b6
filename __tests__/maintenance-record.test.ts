// The maintenance record stays true whatever happens: every check runs before the first write,
// a run is counted once even when its answer is lost and it retries, time never runs backwards
// (it comes from the database's clock), and a run killed mid-request leaves a whole record.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST, inputVariable, RUNNER_ENV, runDist, runInProcess } from './support/action.ts';
import { snapshot, useStack } from './support/fixtures.ts';
import { text } from './support/resp.ts';

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

  it("falls back to the runner's clock when the server refuses TIME in scripts", async () => {
    const { name, password } = stack.redis.users.noTime;
    const url = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const before = Date.now();
    const run = await runDist({ url, ...maintenance });
    expect(run.exitCode).toBe(0);
    expect(Date.parse(run.outputs['last-maintenance'] ?? '')).toBeGreaterThanOrEqual(before - 5);
    expect((await metadata()).clock).toBe('runner');
  });
});

describe('under load and interruption', () => {
  it('50 concurrent runs over 200 user keys: data byte-identical, counted 50 times, time ordered', async () => {
    const seed: string[][] = [];
    for (let i = 0; i < 100; i++) {
      seed.push(['SET', `user:${i}`, `value ${i} ✓`]);
      seed.push(['HSET', `user:${i}:h`, 'field', String(i)]);
    }
    await stack.admin.send(seed);
    const before = await snapshot(stack.admin);
    const runs = await Promise.all(Array.from({ length: 50 }, () => runDist(full())));
    expect(runs.map((r) => r.exitCode)).toEqual(Array<number>(50).fill(0));
    const after = await snapshot(stack.admin);
    for (const [key, dump] of before) expect(after.get(key), key).toBe(dump);
    const byCount = runs
      .map((r) => r.outputs)
      .sort((a, b) => Number(a['maintenance-count']) - Number(b['maintenance-count']));
    expect(byCount.map((o) => o['maintenance-count'])).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    for (let i = 1; i < byCount.length; i++) {
      const [prev, cur] = [byCount[i - 1], byCount[i]];
      expect(cur?.['previous-maintenance']).toBe(prev?.['last-maintenance']);
      expect(Date.parse(cur?.['last-maintenance'] ?? '')).toBeGreaterThanOrEqual(
        Date.parse(prev?.['last-maintenance'] ?? ''),
      );
    }
  });

  it('SIGTERM while the request is in flight leaves a whole record or none', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    stack.front.intercept = async () => {
      arrived();
      await held;
      return false;
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-sigterm-'));
    const files = { GITHUB_OUTPUT: path.join(dir, 'o'), GITHUB_STEP_SUMMARY: path.join(dir, 's') };
    writeFileSync(files.GITHUB_OUTPUT, '');
    writeFileSync(files.GITHUB_STEP_SUMMARY, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', ...RUNNER_ENV, ...files };
    for (const [k, v] of Object.entries(full())) env[inputVariable(k)] = v;
    const child = spawn(process.execPath, [DIST], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await received;
    child.kill('SIGTERM');
    await exited;
    release();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the front finishes the request
    rmSync(dir, { recursive: true, force: true });
    const count = await get('count');
    const meta = await metadata();
    if (count === null) {
      expect(await snapshot(stack.admin)).toEqual(new Map());
    } else {
      expect(count).toBe('1');
      expect(await get('status')).toBe('ok');
      expect(meta['maintained-at']).toBe(await get('last-maintenance'));
    }
    const status = await runInProcess({ ...full(), mode: 'status' });
    expect(status.exitCode).toBe(0);
  });
});
