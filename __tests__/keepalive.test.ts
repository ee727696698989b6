// Several databases in one step, through `node dist/index.js`: two REST (two REST fronts over
// two real redis-servers) and one TCP (a third redis-server with a password), kept alive at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type ActionRun } from './support/action.ts';
import { leaks } from './support/fixtures.ts';
import { startRedis, type RedisServer } from './support/redis-server.ts';
import { text } from './support/resp.ts';
import { startRestFront, type RestFront } from './support/rest-front.ts';

const PASSWORD = 'multi-tcp-password';
let redisA: RedisServer;
let redisB: RedisServer;
let tcp: RedisServer;
let frontA: RestFront;
let frontB: RestFront;

beforeAll(async () => {
  [redisA, redisB, tcp] = await Promise.all([
    startRedis(),
    startRedis(),
    startRedis({ requirepass: PASSWORD }),
  ]);
  [frontA, frontB] = await Promise.all([startRestFront(redisA), startRestFront(redisB)]);
});
afterAll(async () => {
  await Promise.all([frontA.close(), frontB.close()]);
  await Promise.all([redisA.stop(), redisB.stop(), tcp.stop()]);
});

async function count(server: RedisServer): Promise<string | null> {
  const conn = await server.admin();
  try {
    const value = await conn.call('GET', 'upstash-keepalive:count');
    return value === null ? null : text(value);
  } finally {
    conn.close();
  }
}

const tcpUrl = () => `redis://default:${PASSWORD}@127.0.0.1:${tcp.port}`;
const results = (run: ActionRun) =>
  JSON.parse(run.outputs.results ?? '[]') as { database: string; ok: boolean; error: string }[];

describe('three databases in one step', () => {
  it('keeps all three alive, concurrently, with one summary row each', async () => {
    // Each REST front holds its answer until all three requests have arrived: only concurrent
    // requests can pass; one database after the other would deadlock into a timeout.
    let arrived = 0;
    const gate = new Promise<void>((resolve) => {
      const tick = () => {
        if (++arrived === 2) resolve();
      };
      frontA.intercept = async () => {
        tick();
        await gate;
        return false;
      };
      frontB.intercept = async () => {
        tick();
        await gate;
        return false;
      };
    });
    const run = await runInProcess({
      url: [frontA.url, frontB.url, tcpUrl()].join('\n'),
      token: [frontA.tokens.full, frontB.tokens.full].join('\n'),
      mode: 'maintenance',
      'timeout-seconds': '5',
      'max-attempts': '1',
    });
    frontA.intercept = undefined;
    frontB.intercept = undefined;
    expect(run.exitCode).toBe(0);
    expect(await Promise.all([count(redisA), count(redisB), count(tcp)])).toEqual(['1', '1', '1']);
    const hosts = [new URL(frontA.url).host, new URL(frontB.url).host, `127.0.0.1:${tcp.port}`];
    expect(results(run).map((r) => [r.database, r.ok])).toEqual(hosts.map((h) => [h, true]));
    for (const host of hosts)
      expect(run.summary).toMatch(new RegExp(`\\| ${host} \\| ✅ ok \\| \\d+ ms \\| 1 \\| 1 \\|`));
    expect(run.outputs).toMatchObject({ ok: 'true', database: hosts[0], 'maintenance-count': '1' });
    for (const secret of [frontA.tokens.full, frontB.tokens.full, PASSWORD]) {
      expect(leaks(run.everything, secret)).toEqual([]);
    }
  });

  it('one failing database fails the step, naming it, while the others are still maintained', async () => {
    const before = await Promise.all([count(redisA), count(tcp)]);
    const run = await runInProcess({
      url: [frontA.url, frontB.url, tcpUrl()].join('\n'),
      token: [frontA.tokens.full, 'AXwrongTokenForB=', ''].join('\n'),
      mode: 'maintenance',
    });
    expect(run.exitCode).toBe(1);
    const hostB = new URL(frontB.url).host;
    expect(run.stdout).toMatch(
      new RegExp(
        `^::error::1 of 3 databases failed: ${hostB.replace('.', '\\.')} \\(The database rejected the token`,
        'm',
      ),
    );
    expect(results(run).map((r) => r.ok)).toEqual([true, false, true]);
    const after = await Promise.all([count(redisA), count(tcp)]);
    expect(after).toEqual(before.map((n) => String(Number(n) + 1)));
    expect(run.summary).toContain(`| ${hostB} | ❌ auth |`);
    expect(run.summary).toMatch(/\*\*127\.0\.0\.1:\d+:\*\* The database rejected the token/);
  });

  it('fail-on: all fails only when every database fails', async () => {
    const inputs = {
      url: [frontA.url, frontB.url].join('\n'),
      token: [frontA.tokens.full, 'AXwrong='].join('\n'),
      'fail-on': 'all',
    };
    const some = await runInProcess(inputs);
    expect(some.exitCode).toBe(0);
    expect(some.outputs.ok).toBe('true');
    expect(results(some).map((r) => r.ok)).toEqual([true, false]);
    expect(some.stdout).toMatch(/^::warning::127\.0\.0\.1:\d+: The database rejected the token/m);
    const every = await runInProcess({ ...inputs, token: 'AXwrong=\nAXwrong=' });
    expect(every.exitCode).toBe(1);
    expect(every.outputs.error).toMatch(/^2 of 2 databases failed/);
  });

  it('refuses more token lines than url lines, blank url lines and duplicates, before any request', async () => {
    const before = frontA.requests.length;
    const cases: [Record<string, string>, RegExp][] = [
      [
        { url: frontA.url + '\n' + frontB.url, token: 'AXtoken1=\nAXtoken2=\nAXtoken3=' },
        /Input 'token' has 3 entries but input 'url' has 2/,
      ],
      [
        { url: `${frontA.url}\n\n${frontB.url}`, token: 'AXtoken1=' },
        /Input 'url' line 2 is empty/,
      ],
      [
        { url: `${frontA.url}\n${frontA.url}/`, token: 'AXtoken1=\nAXtoken1=' },
        /Input 'url' entries 1 and 2 name the same database/,
      ],
    ];
    for (const [inputs, message] of cases) {
      const run = await runInProcess(inputs);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(message);
    }
    expect(frontA.requests.length).toBe(before);
  });
});

describe('refusals name the line', () => {
  it('fewer tokens than REST URLs: the missing token is named by its line', async () => {
    const run = await runInProcess({
      url: `${frontA.url}\n${frontB.url}`,
      token: frontA.tokens.full,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/^Input 'token' line 2 is required/);
  });

  it('a bad % escape in a password is an input error naming the URL, not a crash', async () => {
    const run = await runInProcess({ url: `redis://default:50%off-pass@127.0.0.1:${tcp.port}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /^Input 'url' has a password with a % that does not start an escape/,
    );
  });
});
