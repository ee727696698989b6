import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFailure } from '../src/transport/rest-errors.ts';
import { transportFailure } from '../src/transport/network.ts';
import { runInProcess } from './support/action.ts';
import { runCommand } from './support/command.ts';
import { startRedis, type RedisServer } from './support/redis-server.ts';
import type { RespConnection } from './support/resp.ts';
import { startRestFront, type RestFront } from './support/rest-front.ts';

const database = 'eu1-happy-cat.upstash.io';
const db = { database, kind: 'rest', tokenSource: "input 'token'" } as const;

describe('httpFailure', () => {
  it('401 points at the REST token and is final', () => {
    const e = httpFailure(401, 'Unauthorized', 'Unauthorized', db);
    expect(e.kind).toBe('auth');
    expect(e.retryable).toBe(false);
    expect(e.describe()).toMatch(
      /input 'token'.*HTTP 401.*REST token.*not the database password.*trailing `=`/s,
    );
  });

  it('NOPERM says the token is read-only and is final', () => {
    const e = httpFailure(
      400,
      'Bad Request',
      "NOPERM this user has no permissions to run the 'copy' command",
      db,
    );
    expect(e.kind).toBe('read-only');
    expect(e.retryable).toBe(false);
    expect(e.describe()).toMatch(/read-only.*full-access REST token.*mode status/s);
  });

  it('5xx is retried', () => {
    const e = httpFailure(503, 'Service Unavailable', undefined, db);
    expect(e).toMatchObject({ kind: 'server', retryable: true });
    expect(e.message).toContain('HTTP 503 Service Unavailable');
  });

  it('429 is retried, honouring a short Retry-After', () => {
    expect(httpFailure(429, 'Too Many Requests', undefined, db, 2000)).toMatchObject({
      kind: 'rate-limit',
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('429 with a Retry-After beyond 30 s, or a plan limit, is final', () => {
    expect(httpFailure(429, '', undefined, db, 3_600_000).retryable).toBe(false);
    const limit = httpFailure(400, '', 'ERR max daily request limit exceeded', db);
    expect(limit).toMatchObject({ kind: 'rate-limit', retryable: false });
  });

  it('a redirect or a 404 tells to use the plain REST URL', () => {
    expect(httpFailure(301, 'Moved', undefined, db).describe()).toMatch(
      /redirect.*exact REST URL/s,
    );
    expect(httpFailure(404, 'Not Found', undefined, db).describe()).toMatch(/REST base URL/);
  });
});

describe('transportFailure', () => {
  const fetchError = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it.each([
    ['ECONNREFUSED', 'refused', true, /Connection refused/],
    ['ENOTFOUND', 'dns', false, /was not found/],
    ['EAI_AGAIN', 'network', true, /Network failure/],
    ['ECONNRESET', 'network', true, /ECONNRESET/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', false, /certificate.*NODE_EXTRA_CA_CERTS/s],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', false, /TLS/],
  ] as const)('%s → %s (retryable %s)', (code, kind, retryable, message) => {
    const e = transportFailure(fetchError(code), database, 10_000);
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.describe()).toMatch(message);
  });

  it('an abort by the deadline is a retryable timeout naming timeout-seconds', () => {
    const abort = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const e = transportFailure(abort, database, 2000);
    expect(e).toMatchObject({ kind: 'timeout', retryable: true });
    expect(e.message).toBe(
      `No complete answer from ${database} within 2 s (input 'timeout-seconds').`,
    );
  });
});

describe('a Redis Cluster (one node holding every slot, as any cluster refuses keys across slots)', () => {
  let redis: RedisServer;
  let front: RestFront;
  let admin: RespConnection;
  beforeAll(async () => {
    redis = await startRedis({ cluster: true });
    front = await startRestFront(redis);
    admin = await redis.admin();
  });
  afterAll(async () => {
    admin.close();
    await front.close();
    await redis.stop();
  });
  const tcp = () => {
    const { name, password } = redis.users.full;
    return `redis://${name}:${password}@127.0.0.1:${redis.port}`;
  };

  it('the default prefix: CROSSSLOT says the keys need one hash tag, over TCP and REST', async () => {
    for (const url of [tcp(), front.url]) {
      const run = await runInProcess({ url, token: front.tokens.full, mode: 'maintenance' });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(/Redis Cluster.*hash to different slots.*CROSSSLOT/);
      expect(run.outputs.error).toMatch(/Fix: .*hash tag.*key-prefix: '\{upstash-keepalive\}'/);
      expect(run.outputs.error).not.toMatch(/Lua|Redis 6\.2/);
    }
    expect(await admin.call('KEYS', '*')).toEqual([]);
    const cli = await runCommand(['maintenance', '--url', tcp()]);
    expect(cli.code).toBe(1);
    expect(cli.all).toContain("--key-prefix '{upstash-keepalive}'");
  });

  it("key-prefix '{upstash-keepalive}': every key in one slot, maintenance and status pass", async () => {
    const prefix = '{upstash-keepalive}';
    for (const url of [tcp(), front.url]) {
      const run = await runInProcess({ url, token: front.tokens.full, 'key-prefix': prefix });
      expect(run.outputs.error).toBe('');
      const status = await runInProcess({
        url,
        token: front.tokens.full,
        'key-prefix': prefix,
        mode: 'status',
      });
      expect(status.outputs.error).toBe('');
      expect(status.outputs['maintenance-count']).toBe(run.outputs['maintenance-count']);
    }
    const keys = ((await admin.call('KEYS', '*')) as Buffer[]).map(String);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.every((key) => key.startsWith(`${prefix}:`))).toBe(true);
    const slots = await Promise.all(keys.map((key) => admin.call('CLUSTER', 'KEYSLOT', key)));
    expect(new Set(slots).size).toBe(1);
  });
});
