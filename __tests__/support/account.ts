// An Upstash account on loopback for a test file: the Developer API (upstash-api.ts) and the REST
// front its databases point at, over one real redis-server; what turns the account on; and every
// secret it holds, for the scans of what a run wrote.

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { adminConnection, startRedis, type RedisServer } from './redis-server.ts';
import type { RespConnection } from './resp.ts';
import { startRestFront, type RestFront } from './rest-front.ts';
import {
  apiDatabase,
  startFakeUpstashApi,
  type ApiDatabase,
  type FakeUpstashApi,
} from './upstash-api.ts';

/** The REST front's `accepts`: every account database's own tokens, as in apiDatabase. */
export function accountTokens(token: string): 'full' | 'readOnly' | undefined {
  if (token.startsWith('AXfullAccountToken')) return 'full';
  if (token.startsWith('AnreadOnlyAccountToken')) return 'readOnly';
  return undefined;
}

/** Every secret the account holds: the key, the e-mail, the Basic credentials, each database's. */
export function accountSecrets(api: FakeUpstashApi): string[] {
  const basic = Buffer.from(`${api.email}:${api.apiKey}`).toString('base64');
  return [
    api.apiKey,
    api.email,
    basic,
    ...api.databases.flatMap((d) =>
      [d.rest_token, d.read_only_rest_token, d.password].filter(
        (s): s is string => typeof s === 'string' && s.length >= 8,
      ),
    ),
  ];
}

/** The inputs that turn the account on. */
export const accountInputs = (api: FakeUpstashApi) => ({
  'upstash-email': api.email,
  'upstash-api-key': api.apiKey,
  'upstash-api-url': api.url,
});

export interface AccountWorld {
  redis: RedisServer;
  admin: RespConnection;
  /** The REST front every database of the account is served by, on every loopback address. */
  front: RestFront;
  api: FakeUpstashApi;
}

/** Starts the world once for the file; before each test, the records and faults are cleared. */
export function useAccount(): AccountWorld {
  const world = {} as AccountWorld;
  beforeAll(async () => {
    world.redis = await startRedis();
    world.admin = await adminConnection(world.redis);
    world.front = await startRestFront(world.redis, {
      everyLoopbackAddress: true,
      accepts: accountTokens,
    });
    world.api = await startFakeUpstashApi();
  });
  beforeEach(async () => {
    await world.admin.call('FLUSHALL');
    world.front.requests.length = 0;
    Object.assign(world.api, { requests: [], intercept: undefined, throttle: 0, retryAfter: '1' });
  });
  afterAll(async () => {
    world.admin.close();
    await Promise.all([world.front.close(), world.api.close()]);
    await world.redis.stop();
  });
  return world;
}

/** Database `i` of the account on its own loopback address (127.0.0.2 on), served by the front. */
export function onLoopback(world: AccountWorld, i: number, fields: Partial<ApiDatabase> = {}) {
  const address = `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}`;
  return apiDatabase(i, { endpoint: `${address}:${new URL(world.front.url).port}`, ...fields });
}
