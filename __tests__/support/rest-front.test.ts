// The tests' REST front must speak Upstash's protocol, not a convenient subset: here the real
// @upstash/redis client, with its own HTTP client and defaults (base64 encoding, auto-pipelining),
// and plain fetch calls check it against the documented behaviour.

import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminConnection, startRedis, type RedisServer } from './redis-server.ts';
import { startRestFront, type RestFront } from './rest-front.ts';
import { text } from './resp.ts';

let redis: RedisServer;
let front: RestFront;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis);
});
afterAll(async () => {
  await front.close();
  await redis.stop();
});

const sdk = (token: string) =>
  new Redis({ url: front.url, token, retry: false, enableTelemetry: false });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${front.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${front.tokens.full}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('REST front, driven by the real @upstash/redis client', () => {
  it('round-trips values, including non-ASCII, through base64 encoding', async () => {
    const client = sdk(front.tokens.full);
    expect(await client.set('front:greeting', 'héllo wörld ✓')).toBe('OK');
    expect(await client.get('front:greeting')).toBe('héllo wörld ✓');
    expect(await client.ping()).toBe('PONG');
    const conn = await adminConnection(redis);
    expect(text(await conn.call('GET', 'front:greeting'))).toBe('héllo wörld ✓');
    conn.close();
  });

  it('runs pipelines and transactions in one request each', async () => {
    const client = sdk(front.tokens.full);
    const before = front.requests.length;
    const piped = await client.pipeline().set('front:n', 5).incr('front:n').get('front:n').exec();
    expect(piped).toEqual(['OK', 6, 6]);
    const tx = await client.multi().incr('front:n').hset('front:h', { a: '1' }).exec();
    expect(tx).toEqual([7, 1]);
    const paths = front.requests.slice(before).map((r) => r.path);
    expect(paths).toEqual(['/pipeline', '/multi-exec']);
  });

  it('rejects a wrong token with 401 Unauthorized, as the SDK reports it', async () => {
    await expect(sdk('wrong-token').ping()).rejects.toThrow(/Unauthorized/);
  });

  it('enforces the read-only token with the NOPERM error of Redis', async () => {
    const client = sdk(front.tokens.readOnly);
    expect(await client.get('front:greeting')).toBe('héllo wörld ✓');
    await expect(client.set('front:x', '1')).rejects.toThrow(
      /NOPERM this user has no permissions to run the 'set' command/,
    );
  });
});

describe('REST front, documented wire format', () => {
  it('POST / answers {result} and 400 {error}', async () => {
    expect(await post('/', ['SET', 'front:k', 'v'])).toEqual({
      status: 200,
      json: { result: 'OK' },
    });
    expect(await post('/', ['GET', 'front:k'])).toEqual({ status: 200, json: { result: 'v' } });
    const bad = await post('/', ['INCR', 'front:k']);
    expect(bad).toEqual({
      status: 400,
      json: { error: 'ERR value is not an integer or out of range' },
    });
  });

  it('/pipeline answers 200 with per-command errors', async () => {
    const res = await post('/pipeline', [['SET', 'front:p', 'x'], ['INCR', 'front:p'], ['PING']]);
    expect(res).toEqual({
      status: 200,
      json: [
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { result: 'PONG' },
      ],
    });
  });

  it('Upstash-Encoding: base64 encodes every string but OK; numbers and nulls stay', async () => {
    const res = await post(
      '/pipeline',
      [
        ['SET', 'front:b', 'hi'],
        ['GET', 'front:b'],
        ['GET', 'front:none'],
        ['STRLEN', 'front:b'],
        ['PING'],
      ],
      { 'Upstash-Encoding': 'base64' },
    );
    expect(res.json).toEqual([
      { result: 'OK' },
      { result: Buffer.from('hi').toString('base64') },
      { result: null },
      { result: 2 },
      { result: Buffer.from('PONG').toString('base64') },
    ]);
  });

  it('/multi-exec runs atomically; a command refused while queuing discards it all', async () => {
    const ok = await post('/multi-exec', [
      ['SET', 'front:m', '1'],
      ['INCR', 'front:m'],
    ]);
    expect(ok).toEqual({ status: 200, json: [{ result: 'OK' }, { result: 2 }] });
    const refused = await post('/multi-exec', [['SET', 'front:m', '9'], ['NOSUCHCOMMAND']]);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      error: expect.stringMatching(/unknown command/) as unknown,
    });
    expect(await post('/', ['GET', 'front:m'])).toMatchObject({ json: { result: '2' } });
  });

  it('accepts the token as ?_token= and path-style commands', async () => {
    const res = await fetch(`${front.url}/set/front:path/hello?_token=${front.tokens.full}`);
    expect(await res.json()).toEqual({ result: 'OK' });
    const got = await fetch(`${front.url}/get/front:path?_token=${front.tokens.full}`);
    expect(await got.json()).toEqual({ result: 'hello' });
  });

  it('refuses unsupported methods with 405 and no token with 401', async () => {
    const del = await fetch(`${front.url}/`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${front.tokens.full}` },
    });
    expect(del.status).toBe(405);
    const anon = await fetch(`${front.url}/`, { method: 'POST', body: '["PING"]' });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ error: 'Unauthorized' });
  });
});
