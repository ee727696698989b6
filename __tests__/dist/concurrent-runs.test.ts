// Runs at once, as separate `node dist/index.js` processes started the way the runner starts
// them, and a run killed mid-request: nothing lost, every run counted once, the record whole.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIST,
  inputVariable,
  RUNNER_ENV,
  runDist,
  runInProcess,
  type Inputs,
} from '../support/action.ts';
import { snapshot, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const maintenance = { mode: 'maintenance' };
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...maintenance,
  ...extra,
});

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

async function history(): Promise<Record<string, string>[]> {
  const raw = (await stack.admin.call('LRANGE', 'upstash-keepalive:history', '0', '-1')) as Buffer[];
  return raw.map((b) => JSON.parse(text(b)) as Record<string, string>);
}

it('20 concurrent maintenance runs: user data byte-identical, counter +20, only prefixed keys added', async () => {
  const seed: string[][] = [];
  for (let i = 0; i < 500; i++) {
    seed.push(['SET', `user:${i}:name`, `name ${i} ✓ ${'x'.repeat(i % 50)}`]);
    seed.push(['HSET', `user:${i}:profile`, 'email', `u${i}@example.com`, 'visits', String(i)]);
  }
  seed.push(['SET', 'upstash-keepalive:count', '100']); // a count from earlier runs
  seed.push(['SET', 'upstash-keepalive', 'a user key equal to the bare prefix']);
  seed.push(['SET', 'upstash-keepalive-stats', 'a user key that merely starts like it']);
  const replies = await stack.admin.send(seed);
  expect(replies.filter((r) => r instanceof Error)).toEqual([]);
  const before = await snapshot(stack.admin);
  expect(before.size).toBe(1003);

  const runs = await Promise.all(
    Array.from({ length: 20 }, () =>
      runDist({ url: stack.front.url, token: stack.front.tokens.full, mode: 'maintenance' }),
    ),
  );

  expect(runs.map((r) => r.exitCode)).toEqual(Array<number>(20).fill(0));
  const counts = runs.map((r) => Number(r.outputs['maintenance-count'])).sort((a, b) => a - b);
  expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
  expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('120');

  const after = await snapshot(stack.admin);
  for (const [key, dump] of before) {
    if (key === 'upstash-keepalive:count') continue;
    expect(after.get(key), `user key ${key} unchanged`).toBe(dump);
  }
  const added = [...after.keys()].filter((k) => !before.has(k)).sort();
  expect(added).toEqual([
    'upstash-keepalive:history',
    'upstash-keepalive:last-maintenance',
    'upstash-keepalive:metadata',
    'upstash-keepalive:previous-maintenance',
    'upstash-keepalive:status',
  ]);
  expect(stack.front.requests).toHaveLength(20);
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

  it('stays consistent with the record under 20 concurrent runs', async () => {
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => runDist(full({ mode: 'maintenance' }))),
    );
    expect(runs.every((r) => r.exitCode === 0)).toBe(true);
    const entries = await history();
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.nonce)).size).toBe(20);
    expect(entries[0]?.at).toBe(
      text(await stack.admin.call('GET', 'upstash-keepalive:last-maintenance')),
    );
    expect(entries[1]?.at).toBe(
      text(await stack.admin.call('GET', 'upstash-keepalive:previous-maintenance')),
    );
  });

  it('a retry whose first answer was lost, after another run wrote, is still counted once', async () => {
    let other: Promise<unknown> | undefined;
    stack.front.intercept = (_req, _res, index) => {
      if (index !== 0) return false;
      other = runDist(full({ mode: 'maintenance' })); // a run that lands between the two attempts
      return 'lose-answer';
    };
    const run = await runInProcess(full({ mode: 'maintenance', 'timeout-seconds': '5' }));
    await other;
    expect(run.outputs.error).toBe('');
    expect(run.exitCode).toBe(0);
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('2');
  });
});
