// keepAlive(), the library: the same engine as the command line over fetch, against a real
// redis-server behind the REST front. It resolves to the command line's --json result (same
// keys, same numbers); a database's failure is in the result; only options throw.

import { describe, expect, it } from 'vitest';
import { KeepaliveError } from '../../src/errors.ts';
import { keepAlive, type KeepAliveResult } from '../../src/library/index.ts';
import { runCommand } from '../support/command.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const options = () => ({ url: stack.front.url, token: stack.front.tokens.full });

describe('keepAlive()', () => {
  it('maintenance by default: one write, counted, with the history, over fetch', async () => {
    const result = await keepAlive(options());
    expect(result).toMatchObject({ ok: true, mode: 'maintenance', error: null });
    expect(result.databases).toHaveLength(1);
    expect(result.databases[0]).toMatchObject({ ok: true, 'maintenance-count': 1, attempts: 1 });
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
    expect(result.histories[0]?.entries[0]?.event).toBe('library');
    expect(stack.front.requests).toHaveLength(1);
    expect(stack.front.requests[0]?.path).toBe('/multi-exec');
  });

  it('resolves to what the command line prints with --json: the same keys and numbers', async () => {
    await keepAlive(options());
    const cli = await runCommand([
      'status',
      '--url',
      stack.front.url,
      '--token',
      stack.front.tokens.full,
      '--json',
    ]);
    const fromCli = JSON.parse(cli.stdout) as KeepAliveResult;
    const fromLibrary = await keepAlive({ ...options(), mode: 'status' });
    const stable = (r: unknown) =>
      JSON.parse(JSON.stringify(r).replace(/"latency-ms":\d+/g, '"latency-ms":0')) as unknown;
    // The source is named as each shell names it; the rest is the same.
    const databases = (r: KeepAliveResult) => r.databases.map((d) => ({ ...d, source: '' }));
    expect(Object.keys(fromLibrary)).toEqual(Object.keys(fromCli));
    expect(stable(databases(fromLibrary))).toEqual(stable(databases(fromCli)));
    expect(fromLibrary.databases[0]?.source).toBe('option url');
  });

  it('ping and status, with the read-only token', async () => {
    const readOnly = { url: stack.front.url, token: stack.front.tokens.readOnly };
    expect(await keepAlive({ ...readOnly, mode: 'ping' })).toMatchObject({
      ok: true,
      databases: [{ reply: 'PONG' }],
    });
    expect(await keepAlive({ ...readOnly, mode: 'status' })).toMatchObject({
      ok: true,
      databases: [{ 'maintenance-count': 0 }],
    });
  });

  it('a database that fails is in the result with its fix, never thrown, and no token in it', async () => {
    const wrong = 'AXwrongTokenForTheLibrary0123456789abcdef=';
    const result = await keepAlive({ url: stack.front.url, token: wrong });
    expect(result.ok).toBe(false);
    expect(result.databases[0]?.error).toMatchObject({ kind: 'auth' });
    expect(result.error?.fix).toMatch(/REST token/);
    expect(leaks(JSON.stringify(result), wrong)).toEqual([]);
    const readOnly = await keepAlive({ url: stack.front.url, token: stack.front.tokens.readOnly });
    expect(readOnly.databases[0]?.error?.kind).toBe('read-only');
  });

  it('reads the variables Redis.fromEnv() reads, from env or process.env', async () => {
    const env = {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    };
    expect(await keepAlive({ env, mode: 'ping' })).toMatchObject({
      ok: true,
      databases: [{ source: 'UPSTASH_REDIS_REST_URL' }],
    });
    const kv = { KV_REST_API_URL: stack.front.url, KV_REST_API_TOKEN: stack.front.tokens.full };
    expect(await keepAlive({ env: kv, mode: 'ping' })).toMatchObject({ ok: true });
    const saved = process.env;
    process.env = { ...saved, ...env };
    try {
      expect(await keepAlive({ mode: 'ping' })).toMatchObject({ ok: true });
    } finally {
      process.env = saved;
    }
    // Explicit options win over the variables.
    const wrongEnv = {
      UPSTASH_REDIS_REST_URL: 'https://elsewhere.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'AXnotThisOne0123456789',
    };
    expect(await keepAlive({ ...options(), env: wrongEnv, mode: 'ping' })).toMatchObject({
      ok: true,
    });
  });

  it('several databases, each in the result; failOn all passes while one is kept alive', async () => {
    const second = stack.front.url.replace('127.0.0.1', 'localhost');
    const databases = [
      { url: stack.front.url, token: stack.front.tokens.full },
      { url: second, token: 'AXwrongTokenForTheLibrary0123456789abcdef=' },
    ];
    const result = await keepAlive({ databases, mode: 'ping' });
    expect(result.databases.map((d) => d.ok)).toEqual([true, false]);
    expect(result.error?.message).toMatch(/1 of 2 databases failed/);
    const lenient = await keepAlive({ databases, mode: 'ping', failOn: 'all' });
    expect(lenient.ok).toBe(true);
  });
});

describe('over fetch, as bounded as the action', () => {
  it('a database that never answers fails at timeoutSeconds, each attempt, as a timeout', async () => {
    stack.front.intercept = () => true; // taken, never answered
    const started = Date.now();
    const result = await keepAlive({ ...options(), timeoutSeconds: 0.3, maxAttempts: 2 });
    expect(result.databases[0]).toMatchObject({
      ok: false,
      attempts: 2,
      error: { kind: 'timeout' },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a 503 then a healthy answer: retried, counted once', async () => {
    stack.front.intercept = (_request, response, index) => {
      if (index > 0) return false;
      response.writeHead(503, { 'Content-Type': 'application/json' });
      response.end('{"error":"busy"}');
      return true;
    };
    const result = await keepAlive(options());
    expect(result.databases[0]).toMatchObject({ ok: true, attempts: 2, 'maintenance-count': 1 });
  });
});

describe('answers that are not Upstash REST', () => {
  it.each(['not base64!', 'UE9ORw=', 'A'])(
    'a string reply %j that is not base64 is a protocol error, not a garbled value',
    async (reply) => {
      stack.front.intercept = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify([{ result: reply }]));
        return true;
      };
      const result = await keepAlive({ ...options(), mode: 'ping', maxAttempts: 1 });
      expect(result.databases[0]?.error).toMatchObject({ kind: 'protocol' });
      expect(result.databases[0]?.error?.message).toMatch(/not base64/);
    },
  );
});

describe('options it cannot use', () => {
  const refusal = async (given: Record<string, unknown>) => {
    try {
      await keepAlive(given);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it.each([
    [
      { url: 'https://x.upstash.io', token: 'AXtoken0123456789', timeoutSeconds: 0 },
      /^Option timeoutSeconds must be a number of seconds/,
    ],
    [
      { url: 'https://x.upstash.io', token: 'AXtoken0123456789', mode: 'write' },
      /^Option mode must be one of ping, maintenance, status/,
    ],
    [
      { url: 'https://x.upstash.io', token: 'AXtoken0123456789', keyPrefix: 'a b' },
      /^Option keyPrefix must not contain whitespace/,
    ],
    [
      { url: 'https://x.upstash.io', token: 'AXtoken0123456789', timeout: 5 },
      /^Option timeout: not an option of keepAlive\(\)/,
    ],
    [{ url: 'redis://default:secret-password@127.0.0.1:6379' }, /URL \(in option url\).*REST only/],
    // rediss:// is refused as such too, not sent round by the rules of redis:// first.
    [{ url: 'rediss://default:pw@eu1-x.upstash.io:6379' }, /URL \(in option url\).*REST only/],
    [
      { env: { UPSTASH_REDIS_REST_URL: 'rediss://default:pw@eu1-x.upstash.io:6379' } },
      /URL \(in UPSTASH_REDIS_REST_URL\).*REST only/,
    ],
    [{ url: 'http://x.upstash.io', token: 'AXtoken0123456789' }, /must start with https:\/\//],
    [{ url: 'https://x.upstash.io' }, /^Option token is required/],
    [
      { env: {} },
      /^Option url is not given, and neither UPSTASH_REDIS_REST_URL nor KV_REST_API_URL is set/,
    ],
  ])(
    '%j is refused, before any request, with a KeepaliveError that carries the fix',
    async (given, message) => {
      const error = await refusal(given);
      expect(error).toBeInstanceOf(KeepaliveError);
      expect((error as KeepaliveError).kind).toBe('input');
      expect((error as KeepaliveError).message).toMatch(message);
      expect((error as KeepaliveError).fix).not.toBe('');
      expect(stack.front.requests).toHaveLength(0);
    },
  );

  it('a refused token is never quoted', async () => {
    const error = await refusal({
      url: 'https://x.upstash.io',
      token: 'AXsecret token with space',
    });
    expect((error as KeepaliveError).message).not.toContain('AXsecret');
  });
});
