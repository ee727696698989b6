// A QStash (or whatever qstash-url names) that answers what QStash would not: a redirect, which
// is never followed (the token would go with it), an answer past 1 MiB, JSON nested deep, a
// schedule of the wrong shape. Each is a warning that says what to fix; the run stays green.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { startFakeQStash, type FakeQStash, type QStashInterceptor } from '../support/qstash.ts';

const stack = useStack();
let qstash: FakeQStash;
/** Another server, where a redirect points: what it received. */
let elsewhere: { server: http.Server; url: string; seen: http.IncomingHttpHeaders[] };
beforeAll(async () => {
  qstash = await startFakeQStash();
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"scheduleId":"x"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  elsewhere = { server, url, seen };
});
afterAll(async () => {
  await qstash.close();
  elsewhere.server.closeAllConnections();
  elsewhere.server.close();
});

const inputs = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  'qstash-token': qstash.token,
  'qstash-url': qstash.url,
  ...extra,
});

/** A run with QStash answering through `intercept`. */
async function against(intercept: QStashInterceptor, extra: Inputs = {}) {
  qstash.schedules.clear();
  elsewhere.seen.length = 0;
  qstash.intercept = intercept;
  try {
    return await runInProcess(inputs(extra));
  } finally {
    qstash.intercept = undefined;
  }
}

const json = (res: http.ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
  return true;
};
/** A schedule as QStash shows it, with `fields` replaced. */
const schedule = (fields: Record<string, unknown>) =>
  JSON.stringify({
    scheduleId: 'upstash-keepalive-x',
    cron: '1 2 * * *',
    destination: stack.front.url,
    isPaused: false,
    header: {},
    ...fields,
  });

describe('a redirect from QStash', () => {
  for (const method of ['GET', 'POST']) {
    it(`on ${method} is not followed, and the token goes nowhere else`, async () => {
      const run = await against((req, res) => {
        if (req.method !== method) return false;
        res.writeHead(302, { Location: `${elsewhere.url}${req.url ?? ''}` }).end();
        return true;
      });
      expect(run.exitCode).toBe(0);
      expect(elsewhere.seen).toEqual([]);
      expect(run.outputs.backstop).toBe('off');
      expect(run.stdout).toMatch(
        /^::warning::127\.0\.0\.1:\d+: QStash answered a redirect \(HTTP 302\), not followed: check qstash-url\./m,
      );
      expect(run.stdout).not.toContain(elsewhere.url);
      expect(leaks(run.everything, qstash.token)).toEqual([]);
    });
  }

  it('on the command line too', async () => {
    qstash.intercept = (req, res) => {
      res.writeHead(307, { Location: `${elsewhere.url}${req.url ?? ''}` }).end();
      return true;
    };
    elsewhere.seen.length = 0;
    const env = {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
      QSTASH_TOKEN: qstash.token,
      QSTASH_URL: qstash.url,
    };
    const removed = await runCommand(['backstop', 'remove'], env);
    qstash.intercept = undefined;
    expect(removed.code).toBe(1);
    expect(removed.all).toMatch(/QStash answered a redirect \(HTTP 307\), not followed/);
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('an answer QStash would not give', () => {
  it('5 MiB: cut at 1 MiB, a warning', async () => {
    const run = await against((req, res) => {
      const body = `{"cron":"${'A'.repeat(5 * 1024 * 1024)}"}`;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      res.end(body);
      return true;
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backstop).toBe('off');
    expect(run.stdout).toMatch(
      /::warning::127\.0\.0\.1:\d+: QStash's answer is larger than 1 MiB: not QStash's API; check qstash-url\./,
    );
    // Sent in chunks, with no length announced: cut when the count passes 1 MiB.
    const chunked = await against((req, res) => {
      res.writeHead(req.method === 'GET' ? 404 : 500, { 'Content-Type': 'text/plain' });
      for (let i = 0; i < 5; i++) res.write('A'.repeat(1024 * 1024));
      res.end();
      return true;
    });
    expect(chunked.outputs.backstop).toBe('off');
    expect(chunked.stdout).toMatch(/QStash's answer is larger than 1 MiB/);
  });

  it('JSON nested a million deep, or not JSON: a warning', async () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    const run = await against((req, res) => json(res, 200, deep));
    expect(run.outputs.backstop).toBe('off');
    expect(run.stdout).toMatch(
      /::warning::127\.0\.0\.1:\d+: QStash's answer is not a schedule \(not an object\): check qstash-url\./,
    );
    const html = await against((req, res) => json(res, 200, '<html>::error::forged</html>'));
    expect(html.outputs.backstop).toBe('off');
    expect(html.stdout).toMatch(/::warning::127\.0\.0\.1:\d+: QStash's answer is not JSON/);
    expect(html.stdout).not.toMatch(/^::error::forged/m);
  });

  const wrong: [string, Record<string, unknown>, string][] = [
    ['cron a number', { cron: 5 }, 'cron'],
    ['destination null', { destination: null }, 'destination'],
    ['header a string', { header: 'x' }, 'header'],
    ['a header value not a list of text', { header: { 'Keepalive-Config': [1] } }, 'header'],
    ['isPaused "yes"', { isPaused: 'yes' }, 'isPaused'],
    ['cron of 10,000 characters', { cron: '1'.repeat(10_000) }, 'cron'],
  ];
  for (const [what, fields, field] of wrong) {
    it(`a schedule with ${what}: a warning naming ${field}, never active`, async () => {
      for (const mode of ['maintenance', 'status']) {
        const run = await against(
          (req, res) => {
            if (req.method === 'GET') return json(res, 200, schedule(fields));
            return false;
          },
          { mode },
        );
        expect(run.exitCode).toBe(0);
        expect(run.outputs.backstop).toBe('off');
        expect(run.stdout).toContain(
          `: QStash's answer is not a schedule (${field} is not what QStash sends): check qstash-url.`,
        );
      }
    });
  }
});

describe('what the backstop reads of the account and of other setters', () => {
  it('a list of schedules that is not a list: a warning, no schedule asked for', async () => {
    const run = await against((req, res) => {
      if (req.method === 'GET' && req.url === '/v2/schedules') return json(res, 200, '{"a":1}');
      if (req.method === 'GET') return json(res, 404, '{"error":"Schedule not found"}');
      return false;
    });
    expect(run.outputs.backstop).toBe('off');
    expect(run.stdout).toMatch(
      /::warning::127\.0\.0\.1:\d+: QStash's list of schedules is not a list: check qstash-url\./,
    );
    expect(qstash.schedules.size).toBe(0);
  });

  it("another setter's name and time are quoted escaped, and a time ahead holds nothing", async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const forged = `${recent} ::error::forged##[group]x\u001b[31m`;
    const other = (setBy: string) => (req: http.IncomingMessage, res: http.ServerResponse) =>
      req.method === 'GET'
        ? json(res, 200, schedule({ cron: '9 9 * * *', header: { 'Keepalive-Set-By': [setBy] } }))
        : false;
    const run = await against(other(forged));
    expect(run.outputs.backstop).toBe('active');
    expect(run.stdout).not.toMatch(/^::error::forged/m);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toMatch(/::warning::127\.0\.0\.1:\d+: .*forged.* set this database's/);
    // Dated two days ahead of this clock: not believed, so not held.
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const later = await against(other(`${ahead} someone`));
    expect(later.outputs.backstop).toBe('updated');
  });
});
