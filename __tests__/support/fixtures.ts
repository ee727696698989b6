// Shared per-file fixture: a real redis-server and the REST front in front of it.

import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeQStash, type FakeQStash, type Schedule } from './qstash.ts';
import { adminConnection, startRedis, type RedisServer } from './redis-server.ts';
import type { RespConnection } from './resp.ts';
import { startRestFront, type RestFront, type FrontOptions } from './rest-front.ts';

export interface Stack {
  redis: RedisServer;
  front: RestFront;
  admin: RespConnection;
}

/** Starts the stack once for the file and empties the database before each test. */
export function useStack(options?: Pick<FrontOptions, 'everyLoopbackAddress'>): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.redis = await startRedis();
    stack.front = await startRestFront(stack.redis, options);
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

/**
 * Starts the loopback QStash once for the file; before each test, no schedule, no request seen,
 * the free plan's 10 schedules, nothing intercepted.
 */
export function useQStash(): { qstash: FakeQStash } {
  const held = {} as { qstash: FakeQStash };
  beforeAll(async () => {
    held.qstash = await startFakeQStash();
  });
  beforeEach(() => {
    held.qstash.schedules.clear();
    held.qstash.requests.length = 0;
    held.qstash.maxSchedules = 10;
    held.qstash.intercept = undefined;
  });
  afterAll(async () => {
    await held.qstash.close();
  });
  return held;
}

/** The one schedule the fake QStash holds (a test that expects one and finds more fails). */
export function onlySchedule({ qstash }: { qstash: FakeQStash }): Schedule {
  const [schedule, ...more] = qstash.schedules.values();
  if (!schedule || more.length > 0) throw new Error(`${qstash.schedules.size} schedules`);
  return schedule;
}

/** The inputs of a run with the backstop on, for the databases at `urls` (the stack's by default). */
export function backstopInputs(
  stack: Stack,
  { qstash }: { qstash: FakeQStash },
  extra: Record<string, string> = {},
  urls: string[] = [stack.front.url],
): Record<string, string> {
  return {
    url: urls.join('\n'),
    token: urls.map(() => stack.front.tokens.full).join('\n'),
    'qstash-token': qstash.token,
    'qstash-url': qstash.url,
    ...extra,
  };
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
