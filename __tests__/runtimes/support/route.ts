// What every runtime must do with the route, called over HTTP from outside as a scheduler would,
// against the real redis-server behind the REST front: POST writes (count + 1, a new history
// entry), GET reads and writes nothing, a missing or wrong bearer gets 401 with nothing sent to
// the database, QStash's signature is accepted, other methods get 405.

import { expect, it } from 'vitest';
import type { KeepAliveResult } from '../../../src/library/index.ts';
import { snapshot, type Stack } from '../../support/fixtures.ts';
import { storedHistory } from '../../support/history.ts';
import { qstashSignature, SIGNING_KEYS } from '../../support/qstash-signature.ts';
import { text } from '../../support/resp.ts';

export const ROUTE_PATH = '/api/maintenance/upstash';
const SECRET = 'route-secret-for-the-runtimes-0123456789';

/** The variables each runtime's app reads, as a deployment would set them. */
export function routeEnv(stack: Stack, secretName = 'KEEPALIVE_SECRET'): Record<string, string> {
  return {
    UPSTASH_REDIS_REST_URL: stack.front.url,
    UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    [secretName]: SECRET,
    QSTASH_CURRENT_SIGNING_KEY: SIGNING_KEYS.current,
    QSTASH_NEXT_SIGNING_KEY: SIGNING_KEYS.next,
  };
}

export const bearer = (secret = SECRET) => ({ Authorization: `Bearer ${secret}` });

/** The maintenance count as stored, undefined when nothing was ever written. */
export async function count(stack: Stack): Promise<string | undefined> {
  const value = await stack.admin.call('GET', 'upstash-keepalive:count');
  return value === null ? undefined : text(value);
}

export async function call(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: KeepAliveResult }> {
  const response = await fetch(url, { method, headers, signal: AbortSignal.timeout(30_000) });
  const raw = await response.text();
  let body: KeepAliveResult;
  try {
    body = JSON.parse(raw) as KeepAliveResult;
  } catch {
    throw new Error(`${method} ${url}: ${response.status}, not JSON: ${raw.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Declares the route's tests; `route()` is the full URL, known once the runtime is up. With
 * `ownMethodNotAllowed`, the framework answers other methods itself (Next.js: 405, no Allow).
 */
export function routeChecks(
  stack: Stack,
  route: () => string,
  { ownMethodNotAllowed = false } = {},
): void {
  it('POST with the bearer runs the maintenance: count + 1, a new history entry each time', async () => {
    for (const expected of [1, 2]) {
      const { status, headers, body } = await call(route(), 'POST', bearer());
      expect(status, JSON.stringify(body)).toBe(200);
      expect(headers.get('cache-control')).toContain('no-store');
      expect(body).toMatchObject({
        ok: true,
        mode: 'maintenance',
        databases: [{ ok: true, 'maintenance-count': expected }],
      });
      expect(await count(stack)).toBe(String(expected));
      const entries = await storedHistory(stack.admin);
      expect(entries).toHaveLength(expected);
      expect(entries[0]?.event).toBe('route');
    }
  });

  it('GET with the bearer reads the status and writes nothing', async () => {
    expect((await call(route(), 'POST', bearer())).status).toBe(200);
    const before = await snapshot(stack.admin);
    const { status, body } = await call(route(), 'GET', bearer());
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      mode: 'status',
      databases: [{ 'maintenance-count': 1 }],
    });
    expect(await snapshot(stack.admin)).toEqual(before);
  });

  it('no bearer, a wrong one, one of another length: 401, nothing sent to the database', async () => {
    const refused = [{}, bearer(SECRET.replace(/.$/, 'X')), bearer(`${SECRET}0`)];
    for (const headers of refused) {
      for (const method of ['POST', 'GET']) {
        const { status, body } = await call(route(), method, headers);
        expect(status).toBe(401);
        expect(body).toMatchObject({ ok: false, error: { kind: 'auth' } });
        expect(JSON.stringify(body)).not.toContain(SECRET);
      }
    }
    expect(stack.front.requests).toEqual([]);
    expect((await snapshot(stack.admin)).size).toBe(0);
  });

  // Next.js gives the route request.url http://localhost:<port>/…, not the URL QStash called:
  // the handler compares the signed URL's path and query, which a proxy does not change.
  it("QStash's signature runs the maintenance; a forged one gets 401", async () => {
    const forged = await qstashSignature({
      url: route(),
      key: 'sig_notTheKey0123456789abcdefXYZ',
    });
    expect((await call(route(), 'POST', { 'Upstash-Signature': forged })).status).toBe(401);
    const signature = await qstashSignature({ url: route() });
    const { status, body } = await call(route(), 'POST', { 'Upstash-Signature': signature });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(await count(stack)).toBe('1');
  });

  it('PUT: 405, nothing run', async () => {
    const response = await fetch(route(), { method: 'PUT', headers: bearer() });
    await response.arrayBuffer();
    expect(response.status).toBe(405);
    if (!ownMethodNotAllowed) expect(response.headers.get('allow')).toBe('GET, POST');
    expect(stack.front.requests).toEqual([]);
  });
}
