// A fleet's maintenance in bounded memory, on the built files: 1,000 databases, each reading a
// full history (90 entries), as `node dist/index.js` started the way the runner does. Its peak
// (the process's maximum resident set) was 226–249 MiB while every report kept each database's
// history entries and redact() copied and sorted the secrets for every field of every entry; it
// is 124–131 MiB now (8 runs). The bound is the one docs/performance.md gives, 160 MiB, with that
// margin; `npm run bench` measures the figure itself.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, runDist } from '../support/action.ts';
import { entry, seedHistory } from '../support/history.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
let work: string;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis, { everyLoopbackAddress: true });
  work = mkdtempSync(path.join(tmpdir(), 'keepalive-fleet-memory-'));
});
afterAll(async () => {
  await front.close();
  await redis.stop();
  rmSync(work, { recursive: true, force: true });
});

const LIMIT_MIB = 160;

it(`1,000 databases' maintenance peaks under ${LIMIT_MIB} MiB`, async () => {
  const HISTORY = 90; // the default history-size: every database reads a full one
  const day = 86_400_000;
  const entries = Array.from({ length: HISTORY }, (_, i) =>
    entry(new Date(Date.now() - (i + 1) * day), { repository: 'octo-org/keepalive-demo' }),
  );
  await seedHistory(await redis.admin(), 'upstash-keepalive:history', entries);
  const port = new URL(front.url).port;
  // One loopback address per database (127.0.0.2, …), all served by the one front.
  const urls = Array.from(
    { length: 1000 },
    (_, i) => `http://127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}:${port}`,
  );
  const trace = path.join(work, 'trace');
  writeFileSync(trace, '');
  const hook = path.join(ROOT, 'scripts/bench/trace.mjs');
  const run = await runDist(
    {
      url: urls.join('\n'),
      token: urls.map(() => front.tokens.full).join('\n'),
      mode: 'maintenance',
    },
    { TRACE_FILE: trace, NODE_OPTIONS: `--import ${hook}` },
  );
  expect(run.exitCode).toBe(0);
  const results = JSON.parse(run.outputs.results ?? '[]') as Record<string, unknown>[];
  expect(results).toHaveLength(1000);
  // What each history tells is still reported, for every database.
  expect(results.every((r) => r.ok === true && r['runs-in-history'] === HISTORY)).toBe(true);
  const maxRss = /^maxrss (\d+)$/m.exec(readFileSync(trace, 'utf8'))?.[1];
  const mib = Number(maxRss) / 1024;
  expect(mib).toBeGreaterThan(0);
  expect(mib, `peak ${mib.toFixed(1)} MiB`).toBeLessThan(LIMIT_MIB);
}, 60_000);
