// Answers of the Developer API that are not what its documentation shows: each is bounded and
// checked like every other reply, says what happened, and no token of it reaches any output.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_KEPT } from '../../src/account/select.ts';
import { runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { accountInputs, accountSecrets, onLoopback, useAccount } from '../support/account.ts';
import { leaks } from '../support/fixtures.ts';

const world = useAccount();

const at = (i: number, fields: Parameters<typeof onLoopback>[2] = {}) =>
  onLoopback(world, i, fields);
const run = (extra: Inputs = {}) => runInProcess({ ...accountInputs(world.api), ...extra });
const results = (r: ActionRun) =>
  JSON.parse(r.outputs.results ?? '[]') as {
    ok: boolean;
    error: { kind: string; message: string } | null;
  }[];
function noSecret(r: ActionRun, more: string[] = []): void {
  for (const secret of [...accountSecrets(world.api), ...more]) {
    expect(leaks(r.everything, secret), secret.slice(0, 40)).toEqual([]);
  }
}

describe('hostile databases in the list', () => {
  it('a token holding ::, a line break or 100 KB is refused, never sent, masked or printed', async () => {
    const hostile = [
      'AXtoken::error::pwned-by-a-token',
      'AXtoken\n::error::pwned-by-a-line',
      `AX${'k'.repeat(100 * 1024)}`,
    ];
    world.api.databases = [
      at(0),
      ...hostile.map((token, i) => at(i + 1, { rest_token: token, read_only_rest_token: token })),
      at(4, { database_name: '::error::named\n##[group]x', rest_token: 'AX<img src=x>==' }),
    ];
    const r = await run();
    expect(r.exitCode).toBe(1);
    const messages = results(r).map((d) => d.error?.message ?? 'ok');
    // The successes first, then the refused, by name.
    expect(messages).toEqual([
      'ok',
      expect.stringMatching(
        /^The Developer API gave database '::error::named\\n##\[group\]x' no usable rest_token \(it holds characters no token holds/,
      ),
      expect.stringMatching(
        /'db-00001' no usable rest_token \(it holds characters no token holds; a token is never printed\)/,
      ),
      expect.stringMatching(/'db-00002' no usable rest_token \(it holds characters no token holds/),
      expect.stringMatching(/'db-00003' no usable rest_token \(it is 102402 characters long/),
    ]);
    expect(world.front.requests).toHaveLength(1);
    expect(r.everything).not.toMatch(/pwned|kkkkkkkkkk|<img/);
    expect(r.everything).not.toMatch(/^::error::named/m);
    expect(r.everything).not.toMatch(/^##\[group\]/m);
    noSecret(r);
  });

  it('a database without a REST token: maintenance cannot run; status takes the read-only one', async () => {
    const bare = at(1);
    delete bare.rest_token;
    world.api.databases = [bare];
    const r = await run();
    expect(r.outputs.error).toMatch(
      /gave database 'db-00001' no usable rest_token \(none was given/,
    );
    const status = await run({ mode: 'status' });
    expect(status.exitCode).toBe(0);
    expect(world.front.requests.map((q) => q.headers.authorization)).toEqual([
      `Bearer ${String(bare.read_only_rest_token)}`,
    ]);
  });

  it('an endpoint that is not a host, a database without a name or id, a list that is not one', async () => {
    world.api.databases = [
      at(1, { endpoint: 'https://db.upstash.io/path' }),
      at(2, { database_id: '../../admin' }),
      at(3, { database_name: undefined as unknown as string }),
      at(4),
    ];
    const r = await run();
    expect(results(r).map((d) => d.error?.message ?? 'ok')).toEqual([
      'ok',
      expect.stringMatching(/gave database 'db-00001' no endpoint that is a host name/),
    ]);
    expect(r.stdout).toMatch(
      /::warning::2 entries of the Upstash account's list could not be read/,
    );
    world.api.intercept = (_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"databases": []}');
      return true;
    };
    const object = await run();
    expect(object.outputs.error).toMatch(/to the list of Redis databases is not a list/);
  });
});

describe('a list of 10,000 databases', () => {
  beforeAll(() => {
    world.api.databases = Array.from({ length: 10_000 }, (_, i) => at(i));
  });

  it('is read whole, and a glob picks from all of it', async () => {
    const r = await run({ 'databases-matching': 'db-0999?', mode: 'ping' });
    expect(r.exitCode).toBe(0);
    expect(results(r)).toHaveLength(10);
    expect(r.stdout).toMatch(/Upstash account: 10000 Redis databases listed; 10 selected/);
    expect(world.api.requests.filter((q) => q.path === '/v2/redis/databases')).toHaveLength(1);
  });

  it('a run keeps at most 2,000 of them alive, and says what to do about the rest', async () => {
    const r = await run({ mode: 'ping', concurrency: '256' });
    expect(r.exitCode).toBe(0);
    expect(MAX_KEPT).toBe(2000);
    expect(results(r)).toHaveLength(2000);
    expect(world.front.requests).toHaveLength(2000);
    expect(r.stdout).toMatch(
      /::warning::8000 databases of the Upstash account left out: a run keeps at most 2000 alive\. Spread them over the jobs of a matrix with input 'shard'/,
    );
    // Upstash's counts: a bounded number a run, and it says so.
    expect(world.api.requests.filter((q) => q.path.startsWith('/v2/redis/stats/'))).toHaveLength(
      100,
    );
    expect(r.summary).toMatch(/Upstash's counts were read for 100 of 2000 databases/);
    // Only what this run named is masked: 2,000 databases, two tokens each.
    expect(r.stdout.match(/^::add-mask::/gm)?.length).toBeLessThan(4_100);
    const shard = await run({ mode: 'ping', concurrency: '256', shard: '5/5' });
    expect(results(shard)).toHaveLength(2000);
    expect(shard.stdout).not.toMatch(/left out: a run keeps at most/);
  }, 60_000);
});

describe('answers that are not the API', () => {
  beforeAll(() => {
    world.api.databases = [at(1)];
  });
  const given = () => ({
    url: world.front.url,
    token: world.front.tokens.full,
    'max-attempts': '1',
  });

  it('an HTML error page, or an HTML page where JSON was expected', async () => {
    world.api.intercept = (_, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><h1>502 Bad Gateway</h1>');
      return true;
    };
    const r = await run(given());
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /::warning::The Upstash account could not be read.*answered with a server error \(HTTP 502 Bad Gateway: "<html><h1>502 Bad Gateway<\/h1>"\)/,
    );
    world.api.intercept = (_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>Sign in</p>');
      return true;
    };
    const page = await run();
    expect(page.outputs.error).toMatch(
      /is not the JSON of Upstash's Developer API: HTTP 200 text\/html beginning "<!doctype html><p>Sign in<\/p>"/,
    );
    expect(page.summary).not.toMatch(/<p>/);
  });

  it('a redirect to another host is not followed: the key is not sent there', async () => {
    const elsewhere: (string | undefined)[] = [];
    const other = http.createServer((req, res) => {
      elsewhere.push(req.headers.authorization);
      res.end('[]');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    world.api.intercept = (_, res) => {
      const location = `http://127.0.0.2:${port}/v2/redis/databases`;
      res.writeHead(302, { Location: location }).end();
      return true;
    };
    const r = await run(given());
    other.close();
    expect(elsewhere).toEqual([]);
    expect(r.stdout).toMatch(
      new RegExp(
        `answered with a redirect \\(HTTP 302 Found, to 127\\.0\\.0\\.2:${port}\\): not followed, so the key was not sent there`,
      ),
    );
    noSecret(r);
  });

  it('a rate limit: waits as Retry-After asks within the budget, not beyond', async () => {
    world.api.throttle = 1;
    const started = Date.now();
    const r = await run({ mode: 'ping' });
    expect(r.exitCode).toBe(0);
    // Waited for Retry-After (a timer may fire a few milliseconds early by Date's clock).
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(world.api.requests.filter((q) => q.path === '/v2/redis/databases')).toHaveLength(2);
    world.api.throttle = 1;
    world.api.retryAfter = '3600';
    const long = await run({ ...given(), 'max-attempts': '3' });
    world.api.retryAfter = '1';
    expect(long.stdout).toMatch(
      /rate limiting requests \(HTTP 429 Too Many Requests: "Too Many Requests"\)\. Not retried again: the waits between attempts would pass 20 s in all/,
    );
  });

  it('an answer too large or too many elements is refused before it is parsed', async () => {
    world.api.intercept = (_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`[${'{},'.repeat(1_000_001)}{}]`);
      return true;
    };
    const bomb = await run();
    expect(bomb.outputs.error).toMatch(
      /not the JSON of Upstash's Developer API: JSON of more than 1000000 elements/,
    );
    world.api.intercept = (_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`["${'x'.repeat(17 * 2 ** 20)}"]`);
      return true;
    };
    const large = await run();
    expect(large.outputs.error).toMatch(
      /not the JSON of Upstash's Developer API: an answer larger than 16 MiB/,
    );
  });

  it('counts that cannot be read are a warning, and after three failures no more are asked', async () => {
    world.api.databases = Array.from({ length: 20 }, (_, i) => at(i));
    world.api.intercept = (request, res) => {
      if (!request.path.startsWith('/v2/redis/stats/')) return false;
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end('boom');
      return true;
    };
    const r = await run({ mode: 'ping', 'max-attempts': '1' });
    expect(r.exitCode).toBe(0);
    const asked = world.api.requests.filter((q) => q.path.startsWith('/v2/redis/stats/'));
    expect(asked.length).toBeLessThanOrEqual(3 + 4); // three failures, and those already asked
    expect(r.stdout).toMatch(
      /::warning::127\.0\.0\.\d+:\d+: Upstash's counts could not be read: The Upstash Developer API \(127\.0\.0\.1:\d+\) answered with a server error \(HTTP 500 Internal Server Error: "boom"\)\..* \(and 19 more databases\)/,
    );
    expect(r.outputs['upstash-commands-7d']).toBe('[]');
  });
});
