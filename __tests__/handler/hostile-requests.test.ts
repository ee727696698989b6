// createHandler() against what an attack pass found (each test failed on the code before its
// fix): QStash deliveries as they really come, Vercel Cron, bodies that never end, odd secrets.
// Real redis-server behind the REST front.

import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createHandler, type HandlerOptions } from '../../src/handler/index.ts';
import type { KeepAliveResult } from '../../src/library/index.ts';
import { useStack } from '../support/fixtures.ts';
import { qstashSignature, SIGNING_KEYS } from '../support/qstash-signature.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const ROUTE = 'https://app.example.com/api/maintenance/upstash';
const keys = { currentSigningKey: SIGNING_KEYS.current, nextSigningKey: SIGNING_KEYS.next };

const handlerFor = (extra: HandlerOptions = {}) =>
  createHandler({ url: stack.front.url, token: stack.front.tokens.full, env: {}, ...extra });
const count = async () => text(await stack.admin.call('GET', 'upstash-keepalive:count'));
const body = async (response: Response) => (await response.json()) as KeepAliveResult;

/** Resolves to 'hung' when `promise` has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<'hung'>((resolve) => {
      setTimeout(() => {
        resolve('hung');
      }, ms).unref();
    }),
  ]);

describe('QStash deliveries', () => {
  it('a real-sized jti with a real-sized host: the delivery succeeds, counted once (nonce over 64 bytes)', async () => {
    // QStash's jti is "jwt_" + 28 characters (its docs: jwt_67kxXD6UBAk7DqU6hzuHMDdXFXfP) and an
    // Upstash host is often 34 (enormous-chipmunk-43216.upstash.io): the nonce `${jti}@${host}`
    // is 67 bytes. Here the host is 127.0.0.1:port (15), so the jti is stretched to keep the same
    // 67-byte nonce. The history entry keeps fit(nonce, 64) and the check after the write wants
    // the whole nonce back: the write is made, and the route answers a mismatch.
    const host = new URL(stack.front.url).host;
    const jti = `jwt_${'k'.repeat(67 - 1 - host.length - 4)}`;
    expect(`${jti}@${host}`).toHaveLength(67);
    const signature = await qstashSignature({ url: ROUTE, jti });
    const response = await handlerFor(keys)(
      new Request(ROUTE, { method: 'POST', headers: { 'Upstash-Signature': signature } }),
    );
    const result = await body(response);
    expect(result.databases[0]?.error?.message ?? '').toBe('');
    expect(response.status).toBe(200);
    expect(await count()).toBe('1');
  });

  it('a replay of a long-nonce delivery, after another delivery, is still recognised', async () => {
    // The script keeps in run-nonces only nonces of 64 bytes or less: with QStash's real jti and
    // a 32+ character host, a captured delivery replayed (within its 5 minutes) after any other
    // run writes, and counts, again.
    const host = new URL(stack.front.url).host;
    const jti = (c: string) => `jwt_${c.repeat(67 - 1 - host.length - 4)}`;
    const handler = handlerFor(keys);
    const deliver = async (signature: string) =>
      handler(new Request(ROUTE, { method: 'POST', headers: { 'Upstash-Signature': signature } }));
    const first = await qstashSignature({ url: ROUTE, jti: jti('a') });
    await deliver(first);
    await deliver(await qstashSignature({ url: ROUTE, jti: jti('b') }));
    await deliver(first);
    expect(await count()).toBe('2');
  });

  it('an unauthenticated caller cannot hold the route open with a body that never ends', async () => {
    // Any Upstash-Signature header, even one that is not a JWT, makes the route read the body
    // before anything is checked; with no deadline, a stream that never ends holds it forever.
    const stream = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    const request = new Request(ROUTE, {
      method: 'POST',
      headers: { 'Upstash-Signature': 'not-a-jwt' },
      body: stream,
      duplex: 'half',
    });
    const answer = await within(handlerFor(keys)(request), 3_000);
    expect(answer).not.toBe('hung');
    expect((answer as Response).status).toBe(401);
  });

  it('a body stream that fails is answered (400/401), not thrown out of the handler', async () => {
    // A client that drops the connection mid-body: the handler rejects with the stream's error,
    // which the runtime logs as an unhandled failure of the route (a 500 with its own text).
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        controller.error(new TypeError('terminated'));
      },
    });
    const request = new Request(ROUTE, {
      method: 'POST',
      headers: { 'Upstash-Signature': 'not-a-jwt' },
      body: stream,
      duplex: 'half',
    });
    const settled = await handlerFor(keys)(request).then(
      (response) => response.status,
      (error: unknown) => `threw ${String(error)}`,
    );
    expect([400, 401]).toContain(settled);
  });

  it('a delivery whose signer clock is 3 s ahead (nbf in the future) is accepted', async () => {
    // QStash sets nbf = iat = its own now. The Receiver's clockTolerance defaults to 0, and the
    // route does not set one: any host clock behind QStash's by more than the network delay
    // refuses genuine deliveries, which QStash then retries (each attempt billed).
    const now = Math.floor(Date.now() / 1000) + 3;
    const signature = await new SignJWT({
      body: createHash('sha256').update('').digest('base64url'),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('Upstash')
      .setSubject(ROUTE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 300)
      .setJti('jwt_67kxXD6UBAk7DqU6hzuHMDdXFXfP')
      .sign(new TextEncoder().encode(SIGNING_KEYS.current));
    const response = await handlerFor(keys)(
      new Request(ROUTE, { method: 'POST', headers: { 'Upstash-Signature': signature } }),
    );
    expect(response.status).toBe(200);
  });
});

describe('Vercel Cron', () => {
  it('a Vercel Cron call (GET, vercel-cron/1.0, Bearer CRON_SECRET) keeps the database alive', async () => {
    // Vercel Cron only sends GET (its docs: "an HTTP GET request"; every Vercel example exports
    // GET), and GET is mapped to status: the recipe the issue names (Next.js route + vercel.json
    // crons + CRON_SECRET) never writes, and answers 200 ok: true with maintenance-count 0 every
    // day, while the database goes without its write. HandlerOptions omits `mode`: no way out.
    const secret = 'cron-secret-0123456789abcdef';
    const handler = createHandler({
      url: stack.front.url,
      token: stack.front.tokens.full,
      env: { CRON_SECRET: secret },
    });
    const response = await handler(
      new Request('https://app.vercel.app/api/keepalive', {
        headers: { Authorization: `Bearer ${secret}`, 'User-Agent': 'vercel-cron/1.0' },
      }),
    );
    const result = await body(response);
    expect(result.ok && result.databases[0]?.['maintenance-count'] === 0).toBe(false);
    expect(await stack.admin.call('GET', 'upstash-keepalive:count')).not.toBeNull();
  });
});

describe('the secret', () => {
  it('an unauthenticated caller is not told the length of the configured secret', async () => {
    // The 500 for a short secret is served to anyone, before authentication, and names its
    // length. CRON_SECRET is shared by every cron route of a Vercel project.
    const handler = createHandler({
      url: stack.front.url,
      token: stack.front.tokens.full,
      env: { CRON_SECRET: 'abc12345' },
    });
    const response = await handler(new Request(ROUTE, { method: 'POST' }));
    expect(await response.text()).not.toMatch(/has 8 characters/);
  });

  it.each([
    ['with a space (a passphrase)', 'correct horse battery staple 42'],
    ['over 1024 characters', 'x'.repeat(1025)],
  ])('a secret %s is either refused when configured or accepted when sent', async (_, secret) => {
    // authConfig accepts it, but the bearer pattern (\S{1,1024}) can never match it: the
    // route is configured, reports nothing wrong, and refuses the right caller forever.
    const response = await handlerFor({ secret })(
      new Request(ROUTE, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }),
    );
    expect([200, 500]).toContain(response.status);
  });

  it('KEEPALIVE_SECRET set but empty does not hide CRON_SECRET', async () => {
    // `env.KEEPALIVE_SECRET ?? env.CRON_SECRET`: an empty KEEPALIVE_SECRET (an unset secret in a
    // deployment's settings) wins, and the route answers 500 "no secret" though CRON_SECRET is set.
    const secret = 'cron-secret-0123456789abcdef';
    const handler = createHandler({
      url: stack.front.url,
      token: stack.front.tokens.full,
      env: { KEEPALIVE_SECRET: '', CRON_SECRET: secret },
    });
    const response = await handler(
      new Request(ROUTE, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }),
    );
    expect(response.status).toBe(200);
  });
});
