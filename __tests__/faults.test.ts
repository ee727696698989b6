// Reliability under faults: every case runs through the action in process, against a real
// redis-server behind the REST front, with the fault injected at the front. Every run is also scanned for the token.

import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type ActionRun, type Inputs } from './support/action.ts';
import { leaks, snapshot, useStack } from './support/fixtures.ts';
import { freePort } from './support/redis-server.ts';
import { text } from './support/resp.ts';
import { startRestFront, type Interceptor, type RestFront } from './support/rest-front.ts';
import { selfSignedCertificate } from './support/tls.ts';

const stack = useStack();
let tlsFront: RestFront;
beforeAll(async () => {
  tlsFront = await startRestFront(stack.redis, { tls: selfSignedCertificate() });
});
afterAll(async () => {
  await tlsFront.close();
});

/** Answers the first `times` requests with `fault`, then lets the front work normally. */
function faultFor(times: number, fault: (res: ServerResponse) => void): Interceptor {
  return (_req, res, index) => {
    if (index >= times) return false;
    fault(res);
    return true;
  };
}

interface Seen {
  run: ActionRun;
  elapsedMs: number;
  requests: number;
}

interface FaultCase {
  name: string;
  inputs: () => Inputs;
  intercept?: Interceptor;
  check: (seen: Seen) => void | Promise<void>;
}

const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

/** Upper bound of a failing run: every attempt times out, plus the worst backoff, plus slack. */
function bound(attempts: number, timeoutS: number): number {
  let backoff = 0;
  for (let n = 2; n <= attempts; n++) backoff += Math.min(8000, 500 * 2 ** (n - 2));
  return attempts * timeoutS * 1000 + backoff + 3000; // slack for a loaded machine
}

const cases: FaultCase[] = [
  {
    name: '503 twice, then healthy: succeeds with attempts=3',
    inputs: () => full({ mode: 'maintenance', 'max-attempts': '3' }),
    intercept: faultFor(2, (res) => {
      res
        .writeHead(503, { 'Content-Type': 'application/json' })
        .end('{"error":"Service Unavailable"}');
    }),
    check: async ({ run, requests }) => {
      expect(run.outputs).toMatchObject({ ok: 'true', attempts: '3', 'maintenance-count': '1' });
      expect(requests).toBe(3);
      expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
    },
  },
  {
    name: '429 once: retried after Retry-After, succeeds',
    inputs: () => full({ mode: 'ping' }),
    intercept: faultFor(1, (res) => {
      res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' });
      res.end('{"error":"ERR too many requests"}');
    }),
    check: ({ run, requests, elapsedMs }) => {
      expect(run.outputs).toMatchObject({ ok: 'true', attempts: '2', reply: 'PONG' });
      expect(requests).toBe(2);
      expect(elapsedMs).toBeGreaterThanOrEqual(1000);
      expect(run.stdout).toMatch(/Attempt 1 of 3 failed: .*rate limiting.*Retrying in 1\.0 s/);
    },
  },
  {
    name: 'connection reset once: retried, succeeds',
    inputs: () => full({ mode: 'status' }),
    intercept: faultFor(1, (res) => res.socket?.destroy()),
    check: ({ run, requests }) => {
      expect(run.outputs).toMatchObject({ ok: 'true', attempts: '2', 'maintenance-count': '0' });
      expect(requests).toBe(2);
    },
  },
  {
    name: 'endpoint accepts and never answers: fails within the bound, says it timed out',
    inputs: () => full({ 'timeout-seconds': '2', 'max-attempts': '2' }),
    intercept: () => true,
    check: ({ run, requests, elapsedMs }) => {
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({ ok: 'false', attempts: '2' });
      expect(run.outputs.error).toMatch(
        /No complete answer from .* within 2 s \(input 'timeout-seconds'\)/,
      );
      expect(requests).toBe(2);
      expect(elapsedMs).toBeGreaterThanOrEqual(4000);
      expect(elapsedMs).toBeLessThan(bound(2, 2));
    },
  },
  {
    name: 'nothing listening on the port: fails fast, says connection refused',
    inputs: () => full({ url: `http://127.0.0.1:${closedPort}` }),
    check: ({ run, elapsedMs }) => {
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(/Connection refused by 127\.0\.0\.1:\d+/);
      expect(run.outputs.attempts).toBe('3');
      expect(elapsedMs).toBeLessThan(1500 + 3500); // the two backoffs and slack, no timeout waited
    },
  },
  {
    name: 'host that does not resolve: fails fast, host not found, not retried',
    inputs: () => full({ url: 'https://keepalive-db-does-not-exist.invalid' }),
    check: ({ run }) => {
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(
        /Host keepalive-db-does-not-exist\.invalid was not found \(DNS lookup failed\)/,
      );
      expect(run.outputs.attempts).toBe('1');
    },
  },
  {
    name: 'wrong token: one request, message points at the REST token',
    inputs: () => full({ token: 'AXnotTheRealToken0000=' }),
    check: ({ run, requests }) => {
      expect(run.exitCode).toBe(1);
      expect(requests).toBe(1);
      expect(run.outputs.error).toMatch(
        /rejected the token.*REST token.*not the database password/s,
      );
    },
  },
  {
    name: 'read-only token with maintenance: one request, says the token is read-only',
    inputs: () => full({ mode: 'maintenance', token: stack.front.tokens.readOnly }),
    check: async ({ run, requests }) => {
      expect(run.exitCode).toBe(1);
      expect(requests).toBe(1);
      expect(run.outputs.error).toMatch(/is read-only: the database refused a write \(NOPERM/);
      expect((await snapshot(stack.admin)).size).toBe(0);
    },
  },
  {
    name: 'HTTP 200 with an HTML body: clear "unexpected response", not retried',
    inputs: () => full(),
    intercept: faultFor(9, (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html><body>Please log in to the Wi-Fi</body></html>');
    }),
    check: ({ run, requests }) => {
      expect(run.exitCode).toBe(1);
      expect(requests).toBe(1);
      expect(run.outputs.error).toMatch(
        /Unexpected response from .*: HTTP 200 text\/html beginning "<html>/,
      );
    },
  },
  {
    name: 'TLS failure (self-signed certificate): certificate message, not retried',
    inputs: () => ({ url: tlsFront.url, token: tlsFront.tokens.full }),
    check: ({ run }) => {
      expect(run.exitCode).toBe(1);
      expect(run.outputs.attempts).toBe('1');
      expect(run.outputs.error).toMatch(/TLS\/certificate failure .*DEPTH_ZERO_SELF_SIGNED_CERT/);
      expect(tlsFront.requests).toHaveLength(0);
    },
  },
  {
    name: 'a maintenance key of the wrong type: fails naming the key, nothing overwritten',
    inputs: () => full({ mode: 'maintenance' }),
    check: async ({ run, requests }) => {
      expect(run.exitCode).toBe(1);
      expect(requests).toBe(1);
      expect(run.outputs.error).toMatch(/WRONGTYPE key upstash-keepalive:count holds a hash/);
      expect(await snapshot(stack.admin)).toEqual(seeded);
    },
  },
];

let closedPort = 0;
let seeded = new Map<string, string>();

const runAction = runInProcess;

describe('faults', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fault) => {
    closedPort = await freePort();
    if (fault.name.includes('wrong type')) {
      await stack.admin.call('SET', 'upstash-keepalive:status', 'ok');
      await stack.admin.call('HSET', 'upstash-keepalive:count', 'owner', 'another app');
      seeded = await snapshot(stack.admin);
    }
    stack.front.intercept = fault.intercept;
    const token = fault.inputs().token ?? '';
    const started = Date.now();
    const run = await runAction(fault.inputs());
    const seen = { run, elapsedMs: Date.now() - started, requests: stack.front.requests.length };
    await fault.check(seen);
    expect(leaks(run.everything, token), 'the token appears in what the run printed').toEqual([]);
  });
});
