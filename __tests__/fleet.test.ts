// A fleet in one step: a thousand databases (as many loopback addresses, 127.0.0.2…, served by
// one front listening on all of them), kept alive `concurrency` at a time; given as one JSON
// secret; spread over the jobs of a matrix with `shard`. (The default scheduled run's lean load
// is checked on the built files: __tests__/dist/lean.test.ts.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from './support/action.ts';
import { leaks } from './support/fixtures.ts';
import { startFakeGitHub, type FakeGitHub } from './support/github-api.ts';
import { startRedis, type RedisServer } from './support/redis-server.ts';
import { startRestFront, type RestFront } from './support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
let github: FakeGitHub;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis, { everyLoopbackAddress: true });
  github = await startFakeGitHub();
});
afterAll(async () => {
  await front.close();
  await redis.stop();
  await github.close();
});

const port = () => new URL(front.url).port;
/** Database `i` (0-based): its own loopback address, 127.0.x.y from 127.0.0.2 on. */
const address = (i: number) => `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`;
const urls = (n: number) => Array.from({ length: n }, (_, i) => `http://${address(i)}:${port()}`);
const fleet = (n: number, extra: Inputs = {}): Inputs => ({
  url: urls(n).join('\n'),
  token: urls(n)
    .map(() => front.tokens.full)
    .join('\n'),
  mode: 'ping',
  ...extra,
});
const results = (outputs: Record<string, string>) =>
  JSON.parse(outputs.results ?? '[]') as { database: string; ok: boolean }[];

describe('a fleet', () => {
  it('200 databases with concurrency 8: never more than 8 requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    front.intercept = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return false;
    };
    const run = await runInProcess(fleet(200, { concurrency: '8' }));
    front.intercept = undefined;
    expect(run.exitCode).toBe(0);
    expect(most).toBe(8);
    expect(results(run.outputs).filter((r) => r.ok)).toHaveLength(200);
  });

  it('1,000 databases in one step: every one kept alive, results whole JSON, a short log', async () => {
    front.requests.length = 0;
    const run = await runInProcess(fleet(1000));
    expect(run.exitCode).toBe(0);
    expect(front.requests).toHaveLength(1000);
    const all = results(run.outputs);
    expect(new Set(all.map((r) => r.database)).size).toBe(1000);
    expect(run.stdout).toContain('upstash-keepalive: ping on 1000 databases, 32 at a time');
    expect(run.stdout).toContain('1000 of 1000 databases ok.');
    expect(run.stdout.split('\n').length).toBeLessThan(50);
    expect(run.summary).toContain('1000 databases, 1000 ok, 0 failed.');
    expect(run.summary).toContain('… and 900 more, all ok');
  }, 60_000);

  it('more failures than the table shows: the summary counts those left out truthfully', async () => {
    const tokens = urls(250).map((_, i) =>
      i < 150 ? 'AXrefusedToken0123456789=' : front.tokens.full,
    );
    const run = await runInProcess(fleet(250, { token: tokens.join('\n'), 'max-attempts': '1' }));
    expect(run.summary).toContain('250 databases, 100 ok, 150 failed.');
    expect(run.summary.match(/\| ❌ auth \|/g)).toHaveLength(100);
    expect(run.summary).toContain(
      '… and 150 more, 50 failed and 100 ok: the `results` output lists every database.',
    );
    expect(run.summary).not.toContain('all ok');
  });

  it('one JSON secret: every token masked, entries named in refusals', async () => {
    const entries = urls(3).map((url) => ({ url, token: front.tokens.full }));
    entries[1] = { url: entries[1]?.url ?? '', token: 'AXanotherSecretToken1234=' };
    const run = await runInProcess({ databases: JSON.stringify(entries), mode: 'ping' });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::add-mask::AXanotherSecretToken1234=');
    expect(leaks(run.everything, 'AXanotherSecretToken1234=')).toEqual([]);
    expect(results(run.outputs).map((r) => r.ok)).toEqual([true, false, true]);
    expect(run.outputs.error).toMatch(/the token given in the token of input 'databases' entry 2/);
    const bad = await runInProcess({ databases: '[{"url": "http://127.0.0.2:1", "tokn": "x"}]' });
    expect(bad.outputs.error).toMatch(/^Input 'databases' entry 1 must be \{"url"/);
    const broken = await runInProcess({ databases: '[{"url": "AXsecretInBrokenJson' });
    expect(broken.outputs.error).toMatch(/^Input 'databases' is not valid JSON/);
    expect(leaks(broken.everything, 'AXsecretInBrokenJson')).toEqual([]);
    const both = await runInProcess({ databases: JSON.stringify(entries), url: front.url });
    expect(both.outputs.error).toMatch(/^Input 'databases' and input 'url' are both given/);
  });

  it("a shard k/n keeps every n-th database from the k-th on: a matrix's jobs cover them all", async () => {
    const seen: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = await runInProcess(fleet(10, { shard }));
      seen.push(results(run.outputs).map((r) => r.database));
    }
    expect(seen[1]).toEqual([1, 4, 7].map((i) => `${address(i)}:${port()}`));
    expect(seen.flat().sort()).toEqual(
      urls(10)
        .map((u) => new URL(u).host)
        .sort(),
    );
  });
});
