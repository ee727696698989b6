// Nothing lost: 20 maintenance runs at once, as 20 `node dist/index.js` processes, over a
// database full of someone else's data. Every user key must come out byte-identical.

import { expect, it } from 'vitest';
import { runDist } from './support/action.ts';
import { snapshot, useStack } from './support/fixtures.ts';
import { text } from './support/resp.ts';

const stack = useStack();

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
