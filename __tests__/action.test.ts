// run() in process, against a real redis-server behind the REST front.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from './support/action.ts';
import { leaks, snapshot, useStack } from './support/fixtures.ts';
import { text } from './support/resp.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

describe('ping', () => {
  it('sends one PING in one request and reports PONG', async () => {
    const run = await runInProcess(full({ mode: 'ping' }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ ok: 'true', mode: 'ping', reply: 'PONG', attempts: '1' });
    expect(run.outputs['latency-ms']).toMatch(/^\d+$/);
    expect(run.outputs.database).toBe(new URL(stack.front.url).host);
    expect(stack.front.requests).toHaveLength(1);
    const [request] = stack.front.requests;
    expect(request?.path).toBe('/pipeline');
    expect(JSON.parse(request?.body ?? '')).toEqual([['ping']]);
    expect(request?.headers.authorization).toBe(`Bearer ${stack.front.tokens.full}`);
    expect(request?.headers['upstash-encoding']).toBe('base64');
    expect(run.summary).toContain('| Reply | PONG |');
  });

  it('writes nothing', async () => {
    await runInProcess(full({ mode: 'ping' }));
    expect((await snapshot(stack.admin)).size).toBe(0);
  });
});

describe('maintenance', () => {
  it('writes timestamp, status, counter and metadata in one transaction, then reads them back', async () => {
    const first = await runInProcess(full({ mode: 'maintenance' }));
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '1',
      'previous-maintenance': '',
    });
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/multi-exec']);

    const second = await runInProcess(full({ mode: 'maintenance' }));
    expect(second.outputs['maintenance-count']).toBe('2');
    expect(second.outputs['previous-maintenance']).toBe(first.outputs['last-maintenance']);
    expect(second.outputs['last-maintenance']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const a = stack.admin;
    expect(text(await a.call('GET', 'upstash-keepalive:count'))).toBe('2');
    expect(text(await a.call('GET', 'upstash-keepalive:status'))).toBe('ok');
    expect(text(await a.call('GET', 'upstash-keepalive:last-maintenance'))).toBe(
      second.outputs['last-maintenance'],
    );
    expect(text(await a.call('GET', 'upstash-keepalive:previous-maintenance'))).toBe(
      first.outputs['last-maintenance'],
    );
    const meta = ((await a.call('HGETALL', 'upstash-keepalive:metadata')) as Buffer[]).map(text);
    const hash: Record<string, string | undefined> = {};
    for (let i = 0; i < meta.length; i += 2) hash[meta[i] ?? ''] = meta[i + 1];
    expect(hash).toMatchObject({
      repository: 'octo-org/keepalive-demo',
      'run-id': '1234567890',
      'run-url': 'https://github.com/octo-org/keepalive-demo/actions/runs/1234567890',
      event: 'schedule',
      'runner-os': 'Linux',
      'maintained-at': second.outputs['last-maintenance'],
    });
    expect(second.summary).toMatch(/\| Maintenance count \| 2 \|/);
  });

  it('writes only under its key prefix and leaves other data byte-identical', async () => {
    await stack.admin.call('SET', 'user:1', 'alice');
    await stack.admin.call('HSET', 'user:2', 'name', 'bob');
    await stack.admin.call('SET', 'upstash-keepalive-other', 'not ours');
    const before = await snapshot(stack.admin);
    const run = await runInProcess(full({ mode: 'maintenance', 'key-prefix': 'ka' }));
    expect(run.exitCode).toBe(0);
    const after = await snapshot(stack.admin);
    for (const [key, dump] of before) expect(after.get(key)).toBe(dump);
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    expect(added).toEqual([
      'ka:count',
      'ka:history',
      'ka:last-maintenance',
      'ka:metadata',
      'ka:status',
    ]);
  });

  it('names a key of another type under the prefix, and writes nothing at all', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', '2026-01-01T00:00:00.000Z');
    await stack.admin.call('HSET', 'upstash-keepalive:count', 'owner', 'someone else');
    const before = await snapshot(stack.admin);
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /refused and nothing was written: WRONGTYPE key upstash-keepalive:count holds a hash/,
    );
    expect(await snapshot(stack.admin)).toEqual(before);
    expect(stack.front.requests).toHaveLength(1);
  });

  it('with the read-only token fails in one request, says so, and writes nothing', async () => {
    const run = await runInProcess(
      full({ mode: 'maintenance', token: stack.front.tokens.readOnly }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /input 'token' is read-only.*NOPERM.*full-access REST token/s,
    );
    expect(stack.front.requests).toHaveLength(1);
    expect((await snapshot(stack.admin)).size).toBe(0);
  });
});

describe('status', () => {
  it('reports the last maintenance with the read-only token and writes nothing', async () => {
    await runInProcess(full({ mode: 'maintenance' }));
    const maintained = await runInProcess(full({ mode: 'maintenance' }));
    const before = await snapshot(stack.admin);
    stack.front.requests.length = 0;
    const run = await runInProcess(full({ mode: 'status', token: stack.front.tokens.readOnly }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '2',
      'last-maintenance': maintained.outputs['last-maintenance'],
      'previous-maintenance': maintained.outputs['previous-maintenance'],
    });
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/pipeline']);
    expect(await snapshot(stack.admin)).toEqual(before);
    expect(run.summary).toContain('Last maintained by');
  });

  it('fails when the last maintenance is older than max-age-hours', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', '2026-01-01T00:00:00.000Z');
    const run = await runInProcess(full({ mode: 'status', 'max-age-hours': '48' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/older than input 'max-age-hours' 48.*schedule disabled/s);
    expect(run.outputs['last-maintenance']).toBe('2026-01-01T00:00:00.000Z');
  });

  it('passes max-age-hours right after a maintenance, fails when none is recorded', async () => {
    const none = await runInProcess(full({ mode: 'status', 'max-age-hours': '1' }));
    expect(none.outputs.error).toMatch(/No maintenance is recorded/);
    await runInProcess(full({ mode: 'maintenance' }));
    const fresh = await runInProcess(full({ mode: 'status', 'max-age-hours': '1' }));
    expect(fresh.outputs).toMatchObject({ ok: 'true', 'maintenance-count': '1' });
  });

  it('without any maintenance reports a count of 0 and succeeds', async () => {
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '0',
      'last-maintenance': '',
    });
  });
});

describe('failures', () => {
  it('a wrong token fails after exactly one request, pointing at the REST token', async () => {
    const run = await runInProcess(full({ token: 'AXwrongTokenValue123=' }));
    expect(run.exitCode).toBe(1);
    expect(stack.front.requests).toHaveLength(1);
    expect(run.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(run.stdout).toMatch(/::error::.*input 'token'.*HTTP 401.*REST token/);
    expect(run.summary).toMatch(/❌.*failed[\s\S]*\*\*Fix:\*\*/);
    expect(leaks(run.everything, 'AXwrongTokenValue123=')).toEqual([]);
  });

  it('bad input is refused before any request', async () => {
    const run = await runInProcess(full({ mode: 'flush-all' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/Input 'mode' must be one of ping, maintenance, status/);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('retries 503 and succeeds on the third attempt', async () => {
    stack.front.intercept = (_req, res, index) => {
      if (index >= 2) return false;
      res.writeHead(503, { 'Content-Type': 'text/html' }).end('<h1>503 Service Unavailable</h1>');
      return true;
    };
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.outputs).toMatchObject({ ok: 'true', attempts: '3', 'maintenance-count': '1' });
    expect(stack.front.requests).toHaveLength(3);
    expect(run.stdout).toMatch(/Attempt 1 of 3 failed: .*HTTP 503/);
  });

  it('an HTML page with status 200 is an unexpected response, not retried', async () => {
    stack.front.intercept = (_req, res) => {
      res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!DOCTYPE html><title>Wi-Fi login</title>');
      return true;
    };
    const run = await runInProcess(full());
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /Unexpected response .*text\/html beginning "<!DOCTYPE html>/,
    );
    expect(stack.front.requests).toHaveLength(1);
  });

  it('a hung endpoint is cut at timeout-seconds, each attempt', async () => {
    stack.front.intercept = () => true; // accepts and never answers
    const started = Date.now();
    const run = await runInProcess(full({ 'timeout-seconds': '0.3', 'max-attempts': '2' }));
    const elapsed = Date.now() - started;
    expect(run.outputs.error).toMatch(
      /No complete answer from .* within 0.3 s \(input 'timeout-seconds'\)/,
    );
    expect(run.outputs.attempts).toBe('2');
    expect(stack.front.requests).toHaveLength(2);
    // attempts × timeout + the one backoff (≤ 500 ms), with room for a slow machine
    expect(elapsed).toBeLessThan(2 * 300 + 500 + 2000);
  });

  it('fails verification when the endpoint does not store what it was sent', async () => {
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    stack.front.intercept = (_req, res) => {
      // A lying endpoint: accepts every write, then reads back metadata it was never sent.
      const metadata = [b64('someone-else')];
      const result = [
        b64('applied'),
        null,
        7,
        b64('2020-01-01T00:00:00.000Z'),
        b64('ok'),
        metadata,
        b64('database'),
        [],
        null,
        null,
      ];
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ result }]));
      return true;
    };
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /Verification failed: upstash-keepalive:metadata read back \["someone-else"\], expected the values of its fields.*key prefix of its own \(input 'key-prefix'\)/,
    );
    expect(stack.front.requests).toHaveLength(1);
  });

  it('masks a password pasted into url and never prints it', async () => {
    const run = await runInProcess(
      full({ url: 'rediss://default:S3cret%2Fpass@keepalive-db.invalid:6379', token: '' }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/Host keepalive-db\.invalid:6379 was not found/);
    expect(run.outputs.database).toBe('keepalive-db.invalid:6379');
    expect(run.stdout).toContain('::add-mask::S3cret/pass');
    expect(leaks(run.everything, 'S3cret')).toEqual([]);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('never lets the token reach outputs, summary or log', async () => {
    const token = stack.front.tokens.full;
    const runs = [
      await runInProcess(full({ mode: 'maintenance' })),
      await runInProcess(full({ mode: 'status' })),
      await runInProcess(full({ mode: 'nope' })),
    ];
    for (const run of runs) expect(leaks(run.everything, token)).toEqual([]);
    expect(runs[0]?.stdout).toContain(`::add-mask::${token}`);
  });
});
