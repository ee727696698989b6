// The backstop of many databases at once: `concurrency` QStash calls at a time, each with its own
// time limit and its own silence, through one fetch wrapper and one console filter installed once
// for the process; code outside a QStash call sees fetch and the console as they were.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { startFakeQStash, type FakeQStash } from '../support/qstash.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
let qstash: FakeQStash;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis, { everyLoopbackAddress: true });
  qstash = await startFakeQStash();
});
afterAll(async () => {
  await qstash.close();
  await front.close();
  await redis.stop();
});

/** Database `i` (0-based): its own loopback address, 127.0.x.y from 127.0.0.2 on. */
const address = (i: number) => `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`;
const fleet = (n: number, extra: Inputs = {}): Inputs => {
  const urls = Array.from(
    { length: n },
    (_, i) => `http://${address(i)}:${new URL(front.url).port}`,
  );
  return {
    url: urls.join('\n'),
    token: urls.map(() => front.tokens.full).join('\n'),
    'qstash-token': qstash.token,
    'qstash-url': qstash.url,
    ...extra,
  };
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every line written through console.* while `fn` runs (vitest's console set aside). */
async function consoleLines(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const names = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = names.map((name) => Object.getOwnPropertyDescriptor(console, name));
  for (const name of names) {
    console[name] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  }
  try {
    await fn();
  } finally {
    names.forEach((name, i) => {
      const descriptor = saved[i];
      if (descriptor) Object.defineProperty(console, name, descriptor);
    });
  }
  return lines;
}

describe('the backstop of many databases', () => {
  it('300 databases in ping: only read, never more than `concurrency` QStash calls at once', async () => {
    qstash.schedules.clear();
    let inFlight = 0;
    let most = 0;
    qstash.intercept = async () => {
      most = Math.max(most, ++inFlight);
      await pause(2);
      inFlight--;
      return false;
    };
    const heapBefore = process.memoryUsage().heapUsed;
    const run = await runInProcess(fleet(300, { mode: 'ping', concurrency: '8' }));
    qstash.intercept = undefined;
    expect(run.exitCode).toBe(0);
    expect(most).toBeLessThanOrEqual(8);
    expect(most).toBeGreaterThan(1);
    // ping only reads the schedules: none made, each database told how to make its own.
    expect(qstash.schedules.size).toBe(0);
    expect(run.outputs.backstop).toBe('off');
    // One wrapper, not one per database in flight: the heap does not grow with their square.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300 * 1024 * 1024);
  });

  it('300 databases in maintenance: 300 schedules, `concurrency` at a time', async () => {
    qstash.schedules.clear();
    qstash.requests.length = 0;
    // A paid plan's account, and a limit told to match: the schedules are counted once.
    qstash.maxSchedules = 1000;
    let inFlight = 0;
    let most = 0;
    qstash.intercept = async () => {
      most = Math.max(most, ++inFlight);
      await pause(2);
      inFlight--;
      return false;
    };
    const run = await runInProcess(
      fleet(300, { concurrency: '8', 'backstop-max-schedules': '1000' }),
    );
    qstash.intercept = undefined;
    qstash.maxSchedules = 10;
    expect(run.exitCode).toBe(0);
    expect(most).toBeLessThanOrEqual(8);
    expect(qstash.schedules.size).toBe(300);
    expect(
      qstash.requests.filter((r) => r.method === 'GET' && r.path === '/v2/schedules'),
    ).toHaveLength(1);
    expect(run.stdout).not.toMatch(/::warning::.*QStash/);
  });

  it("one database's slow QStash failure beside another's success: no raw client line", async () => {
    qstash.schedules.clear();
    qstash.intercept = async (req, res) => {
      if (req.method === 'POST' && (req.url ?? '').includes(address(1))) {
        await pause(300);
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"boom"}');
        return true;
      }
      return false;
    };
    let stdout = '';
    const lines = await consoleLines(async () => {
      stdout = (await runInProcess(fleet(2))).stdout;
    });
    qstash.intercept = undefined;
    expect([...lines, ...stdout.split('\n')].filter((l) => l.includes('[Upstash QStash]'))).toEqual(
      [],
    );
    expect(stdout).toMatch(/::warning::127\.0\.0\.3:\d+: QStash answered HTTP 500/);
    expect(stdout).toMatch(/Created the QStash backstop of 127\.0\.0\.2:\d+/);
    // After the run, the console writes again.
    const after = await consoleLines(() => {
      console.error('[Upstash QStash] not from a QStash call');
      return Promise.resolve();
    });
    expect(after).toEqual(['[Upstash QStash] not from a QStash call']);
  });

  it('after the runs, fetch outside a QStash call behaves as before: it follows a redirect', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/from') res.writeHead(302, { Location: '/to' }).end();
      else res.writeHead(200).end('x'.repeat(2 * 1024 * 1024));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fetchBefore = globalThis.fetch;
    await runInProcess(fleet(3));
    const installed = globalThis.fetch;
    await runInProcess(fleet(3));
    expect(globalThis.fetch, 'installed once, not once per run').toBe(installed);
    const response = await fetch(`http://127.0.0.1:${port}/from`);
    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    expect((await response.text()).length).toBe(2 * 1024 * 1024);
    expect(typeof fetchBefore).toBe('function');
    server.close();
  });
});
