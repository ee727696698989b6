// Shared per-file fixture: a real redis-server and the REST front in front of it.

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { adminConnection, startRedis, type RedisServer } from './redis-server.ts';
import type { RespConnection } from './resp.ts';
import { startRestFront, type RestFront } from './rest-front.ts';

export interface Stack {
  redis: RedisServer;
  front: RestFront;
  admin: RespConnection;
}

/** Starts the stack once for the file and empties the database before each test. */
export function useStack(): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.redis = await startRedis();
    stack.front = await startRestFront(stack.redis);
    stack.admin = await adminConnection(stack.redis);
  });
  beforeEach(async () => {
    await stack.admin.call('FLUSHALL');
    stack.front.requests.length = 0;
    stack.front.intercept = undefined;
  });
  afterAll(async () => {
    stack.admin.close();
    await stack.front.close();
    await stack.redis.stop();
  });
  return stack;
}

/** Every key in the database with its DUMP, to prove what a run did not touch. */
export async function snapshot(admin: RespConnection): Promise<Map<string, string>> {
  const keys = (await admin.call('KEYS', '*')) as Buffer[];
  const out = new Map<string, string>();
  for (const key of keys) {
    const dump = (await admin.call('DUMP', key)) as Buffer;
    out.set(key.toString(), dump.toString('base64'));
  }
  return out;
}

/** Lines of what a run printed or wrote that contain the secret, the runner's ::add-mask:: aside. */
export function leaks(everything: string, secret: string): string[] {
  return everything
    .split('\n')
    .filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'));
}
