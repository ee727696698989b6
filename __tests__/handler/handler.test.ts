// createHandler(), the route, called in process with Web Requests against a real redis-server
// behind the REST front: GET reads, POST maintains, and nobody without the secret or a valid
// QStash signature gets anything done. The same handler runs in real runtimes in
// __tests__/runtimes/ (npm run test:runtimes).

import { describe, expect, it } from 'vitest';
import { createHandler, type HandlerOptions } from '../../src/handler/index.ts';
import type { KeepAliveResult } from '../../src/library/index.ts';
import { useStack } from '../support/fixtures.ts';
import { qstashSignature, SIGNING_KEYS } from '../support/qstash-signature.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const ROUTE = 'https://app.example.com/api/maintenance/upstash';
const SECRET = 'route-secret-0123456789abcdef';

const handlerFor = (extra: HandlerOptions = {}) =>
  createHandler({ url: stack.front.url, token: stack.front.tokens.full, env: {}, ...extra });

const call = (headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(ROUTE, { method: 'POST', headers, ...init });
const bearer = (secret = SECRET) => ({ Authorization: `Bearer ${secret}` });
const count = async () => text(await stack.admin.call('GET', 'upstash-keepalive:count'));
const body = async (response: Response) => (await response.json()) as KeepAliveResult;

describe('with the secret', () => {
  it('POST runs the maintenance: 200, the result as JSON, never cached', async () => {
    const response = await handlerFor({ secret: SECRET })(call(bearer()));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const result = await body(response);
    expect(result).toMatchObject({
      ok: true,
      mode: 'maintenance',
      databases: [{ 'maintenance-count': 1 }],
    });
    expect(result.histories[0]?.entries[0]?.event).toBe('route');
    expect(await count()).toBe('1');
  });

  it('GET reads the status and writes nothing', async () => {
    const handler = handlerFor({ secret: SECRET });
    await handler(call(bearer()));
    const response = await handler(call(bearer(), { method: 'GET' }));
    expect(response.status).toBe(200);
    expect(await body(response)).toMatchObject({
      mode: 'status',
      databases: [{ 'maintenance-count': 1 }],
    });
    expect(stack.front.requests.at(-1)?.path).toBe('/pipeline');
    expect(await count()).toBe('1');
  });

  it('takes KEEPALIVE_SECRET, else CRON_SECRET, from env; the option wins', async () => {
    const base = { url: stack.front.url, token: stack.front.tokens.full };
    const cron = createHandler({ ...base, env: { CRON_SECRET: SECRET } });
    expect((await cron(call(bearer()))).status).toBe(200);
    const both = createHandler({
      ...base,
      env: { KEEPALIVE_SECRET: SECRET, CRON_SECRET: `${SECRET}-cron` },
    });
    expect((await both(call(bearer(`${SECRET}-cron`)))).status).toBe(401);
    const option = createHandler({
      ...base,
      secret: `${SECRET}-option`,
      env: { KEEPALIVE_SECRET: SECRET },
    });
    expect((await option(call(bearer()))).status).toBe(401);
    expect((await option(call(bearer(`${SECRET}-option`)))).status).toBe(200);
  });

  it('a database that fails answers 503 with its fix, and no token', async () => {
    const wrong = 'AXwrongTokenForTheRoute0123456789abcdef=';
    const response = await createHandler({
      url: stack.front.url,
      token: wrong,
      secret: SECRET,
      env: {},
    })(call(bearer()));
    expect(response.status).toBe(503);
    const raw = await response.text();
    expect(JSON.parse(raw)).toMatchObject({ ok: false, databases: [{ error: { kind: 'auth' } }] });
    expect(raw).not.toContain(wrong);
    expect(raw).not.toContain(SECRET);
  });

  it('20 POSTs at once: each maintenance counted once, none half-written', async () => {
    const handler = handlerFor({ secret: SECRET });
    const responses = await Promise.all(Array.from({ length: 20 }, () => handler(call(bearer()))));
    expect(responses.map((r) => r.status)).toEqual(Array<number>(20).fill(200));
    expect(await count()).toBe('20');
    const history = (await stack.admin.call(
      'LRANGE',
      'upstash-keepalive:history',
      '0',
      '-1',
    )) as Buffer[];
    expect(history).toHaveLength(20);
    const nonces = history.map((e) => (JSON.parse(e.toString()) as { nonce: string }).nonce);
    expect(new Set(nonces).size).toBe(20);
    const newest = nonces[0];
    expect(text(await stack.admin.call('HGET', 'upstash-keepalive:metadata', 'run-nonce'))).toBe(
      newest,
    );
  });
});

describe('refused', () => {
  it.each([
    ['no Authorization', {}],
    ['a wrong bearer of the same length', bearer(SECRET.replace(/.$/, 'X'))],
    ['a bearer of another length', bearer(`${SECRET}0`)],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['another scheme', { Authorization: `Basic ${SECRET}` }],
    ['a 100 KB bearer', bearer('x'.repeat(100_000))],
  ])('%s: 401, nothing sent to the database', async (_, headers) => {
    const response = await handlerFor({ secret: SECRET })(call(headers));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await body(response)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(stack.front.requests).toHaveLength(0);
  });

  it.each(['HEAD', 'PUT', 'OPTIONS', 'DELETE', 'PATCH'])(
    '%s: 405 with Allow, nothing run',
    async (method) => {
      const response = await handlerFor({ secret: SECRET })(call(bearer(), { method }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
      expect(stack.front.requests).toHaveLength(0);
    },
  );

  it('no secret and no signing keys: every request answered 500 naming what to set, nothing run', async () => {
    const open = handlerFor();
    for (const headers of [{}, bearer(), bearer('')]) {
      const response = await open(call(headers));
      expect(response.status).toBe(500);
      const result = await body(response);
      expect(result.error?.message).toMatch(
        /KEEPALIVE_SECRET .*CRON_SECRET.*QSTASH_CURRENT_SIGNING_KEY/,
      );
    }
    const short = await handlerFor({ secret: 'short' })(call(bearer('short')));
    expect(short.status).toBe(500);
    expect((await body(short)).error?.message).toMatch(/must have from 16 to 1024 characters/);
    const half = await handlerFor({ env: { QSTASH_CURRENT_SIGNING_KEY: SIGNING_KEYS.current } })(
      call(),
    );
    expect(half.status).toBe(500);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('a huge body is not read when the bearer decides', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 2_000) controller.close();
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const init = { body: stream, duplex: 'half' } as RequestInit;
    const response = await handlerFor({ secret: SECRET })(call(bearer(), init));
    expect(response.status).toBe(200);
    expect(pulled).toBeLessThanOrEqual(2);
  });
});

describe('through QStash', () => {
  const keys = { currentSigningKey: SIGNING_KEYS.current, nextSigningKey: SIGNING_KEYS.next };
  const signed = (signature: string, body = '') =>
    call({ 'Upstash-Signature': signature }, { body });

  it('a valid signature, by the current or the next key, runs the maintenance', async () => {
    const handler = handlerFor(keys);
    expect((await handler(signed(await qstashSignature({ url: ROUTE })))).status).toBe(200);
    const byNext = await qstashSignature({ url: ROUTE, key: SIGNING_KEYS.next });
    expect((await handler(signed(byNext))).status).toBe(200);
    expect(await count()).toBe('2');
  });

  it('keys from env, as QStash names them', async () => {
    const handler = createHandler({
      url: stack.front.url,
      token: stack.front.tokens.full,
      env: {
        QSTASH_CURRENT_SIGNING_KEY: SIGNING_KEYS.current,
        QSTASH_NEXT_SIGNING_KEY: SIGNING_KEYS.next,
      },
    });
    expect((await handler(signed(await qstashSignature({ url: ROUTE })))).status).toBe(200);
  });

  it.each([
    ['forged (another key)', { url: ROUTE, key: 'sig_notTheKey0123456789abcdefXYZ0123' }],
    ['expired', { url: ROUTE, expiresIn: -60 }],
    ['for another URL', { url: 'https://app.example.com/api/other' }],
    ['from another issuer', { url: ROUTE, issuer: 'Someone' }],
  ])('%s: 401, nothing run', async (_, options) => {
    const response = await handlerFor(keys)(signed(await qstashSignature(options)));
    expect(response.status).toBe(401);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('a body other than the one signed: 401', async () => {
    const signature = await qstashSignature({ url: ROUTE, body: '{"a":1}' });
    expect((await handlerFor(keys)(signed(signature, '{"a":2}'))).status).toBe(401);
    expect((await handlerFor(keys)(signed(signature, '{"a":1}'))).status).toBe(200);
  });

  it('the same delivery replayed is counted once', async () => {
    const handler = handlerFor(keys);
    const signature = await qstashSignature({ url: ROUTE });
    const first = await body(await handler(signed(signature)));
    const again = await handler(signed(signature));
    expect(again.status).toBe(200);
    expect(first.databases[0]?.replayed).toBe(false);
    expect((await body(again)).databases[0]).toMatchObject({
      replayed: true,
      'maintenance-count': 1,
    });
    expect(await count()).toBe('1');
  });

  it("QStash's public development keys are refused, even with QSTASH_DEV set", async () => {
    const saved = process.env.QSTASH_DEV;
    process.env.QSTASH_DEV = 'true';
    try {
      const dev = await qstashSignature({ url: ROUTE, key: 'sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r' });
      const handler = handlerFor({ ...keys, env: { QSTASH_DEV: 'true' } });
      expect((await handler(signed(dev))).status).toBe(401);
    } finally {
      if (saved === undefined) delete process.env.QSTASH_DEV;
      else process.env.QSTASH_DEV = saved;
    }
  });

  it('a signed request with a body over 64 KiB: 413, read no further', async () => {
    const signature = await qstashSignature({ url: ROUTE });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const init = { body: stream, duplex: 'half' } as RequestInit;
    const response = await handlerFor(keys)(call({ 'Upstash-Signature': signature }, init));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect(stack.front.requests).toHaveLength(0);
  });
});
