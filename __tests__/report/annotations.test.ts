// GitHub shows at most 10 warning annotations a step and drops the rest without a word: past
// that, the run keeps 9, says how many more there are in the 10th, and prints the rest as lines.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis);
});
afterAll(async () => {
  await front.close();
  await redis.stop();
});

it('a fleet with 13 failing databases makes 10 warning annotations, and names all 13', async () => {
  // One database that answers, and 13 loopback addresses where nothing listens.
  const refused = Array.from({ length: 13 }, (_, i) => `http://127.0.0.${String(i + 2)}:1`);
  const run = await runInProcess({
    url: [front.url, ...refused].join('\n'),
    token: Array.from({ length: 14 }, () => front.tokens.full).join('\n'),
    'fail-on': 'all',
    'max-attempts': '1',
  });
  expect(run.outputs.error ?? '').toBe('');
  expect(run.exitCode).toBe(0);
  const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::warning'));
  expect(annotations).toHaveLength(10);
  expect(annotations[9]).toMatch(/^::warning::4 more warnings: .*in this step's log/);
  const rejected = run.stdout.split('\n').filter((line) => /Connection refused/.test(line));
  // Each failing database is named once as a warning or as a plain line after the 10th.
  expect(rejected.filter((line) => /^::warning|^Warning: /.test(line))).toHaveLength(13);
});
