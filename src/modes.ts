// What each mode sends and how its replies are read. Every mode is ONE request:
//   ping         PING, via /pipeline
//   maintenance  one MULTI/EXEC transaction (/multi-exec): write, count, describe, read back
//   status       reads only, via /pipeline, so Upstash's read-only token is enough
// Every key lives under `<key-prefix>:`; nothing outside it is ever written or deleted.

import type { Redis } from '@upstash/redis';
import type { RunContext } from './context.js';
import { KeepaliveError, readOnlyToken } from './errors.js';
import type { Mode } from './inputs.js';

export interface Keys {
  lastMaintenance: string;
  previousMaintenance: string;
  status: string;
  count: string;
  metadata: string;
}

export function keysFor(prefix: string): Keys {
  return {
    lastMaintenance: `${prefix}:last-maintenance`,
    previousMaintenance: `${prefix}:previous-maintenance`,
    status: `${prefix}:status`,
    count: `${prefix}:count`,
    metadata: `${prefix}:metadata`,
  };
}

/** The value `maintenance` stores under `<prefix>:status`. */
export const STATUS_VALUE = 'ok';

export interface Outcome {
  mode: Mode;
  /** ping: the server's answer (PONG). */
  reply?: string;
  /** maintenance, status: value of the counter (0 when never maintained). */
  count?: number;
  /** ISO 8601 UTC timestamps, or undefined when none is recorded. */
  lastMaintenance?: string;
  previousMaintenance?: string;
  /** status: the metadata of the last maintenance run. */
  metadata?: Record<string, string>;
}

export interface ModeInput {
  mode: Mode;
  keys: Keys;
  context: RunContext;
  now: Date;
}

type Entry = { result?: unknown; error?: string };

/** Runs one mode through the client; throws a classified KeepaliveError on any problem. */
export async function runMode(redis: Redis, input: ModeInput): Promise<Outcome> {
  switch (input.mode) {
    case 'ping':
      return ping(redis);
    case 'maintenance':
      return maintenance(redis, input);
    case 'status':
      return status(redis, input.keys);
  }
}

async function ping(redis: Redis): Promise<Outcome> {
  const [entry] = (await redis.pipeline().ping().exec({ keepErrors: true })) as Entry[];
  const reply = resultOf(entry, 'PING', undefined);
  if (reply !== 'PONG') {
    throw new KeepaliveError(
      'protocol',
      `PING was answered with ${JSON.stringify(reply)} instead of PONG.`,
      'input url must be the REST URL of a Redis database.',
    );
  }
  return { mode: 'ping', reply };
}

async function maintenance(redis: Redis, { keys, context, now }: ModeInput): Promise<Outcome> {
  const stamp = now.toISOString();
  const metadata: Record<string, string> = { ...context, 'maintained-at': stamp };
  // SET ... GET returns the previous value and refuses (WRONGTYPE) to replace a non-string,
  // so a key of another type under the prefix is reported, never silently overwritten.
  const entries = (await redis
    .multi()
    .copy(keys.lastMaintenance, keys.previousMaintenance, { replace: true })
    .set(keys.lastMaintenance, stamp, { get: true })
    .set(keys.status, STATUS_VALUE, { get: true })
    .incr(keys.count)
    .hset(keys.metadata, metadata)
    .get(keys.lastMaintenance)
    .get(keys.status)
    .hgetall(keys.metadata)
    .exec({ keepErrors: true })) as Entry[];

  const on = (i: number, what: string, key: string) => resultOf(entries[i], what, key);
  on(0, 'COPY', keys.previousMaintenance);
  const previous = optionalString(on(1, 'SET', keys.lastMaintenance), keys.lastMaintenance);
  on(2, 'SET', keys.status);
  const count = on(3, 'INCR', keys.count);
  on(4, 'HSET', keys.metadata);
  const readLast = on(5, 'GET', keys.lastMaintenance);
  const readStatus = on(6, 'GET', keys.status);
  const readMetadata = hash(on(7, 'HGETALL', keys.metadata), keys.metadata);

  verify(keys.lastMaintenance, stamp, readLast);
  verify(keys.status, STATUS_VALUE, readStatus);
  for (const [field, value] of Object.entries(metadata)) {
    verify(`${keys.metadata} field ${field}`, value, readMetadata[field]);
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw mismatch(keys.count, 'a positive integer', count);
  }
  return { mode: 'maintenance', count, lastMaintenance: stamp, previousMaintenance: previous };
}

async function status(redis: Redis, keys: Keys): Promise<Outcome> {
  const entries = (await redis
    .pipeline()
    .get(keys.lastMaintenance)
    .get(keys.previousMaintenance)
    .get(keys.count)
    .hgetall(keys.metadata)
    .exec({ keepErrors: true })) as Entry[];
  const last = optionalString(
    resultOf(entries[0], 'GET', keys.lastMaintenance),
    keys.lastMaintenance,
  );
  const previous = optionalString(
    resultOf(entries[1], 'GET', keys.previousMaintenance),
    keys.previousMaintenance,
  );
  const rawCount = optionalString(resultOf(entries[2], 'GET', keys.count), keys.count);
  const metadata = hash(resultOf(entries[3], 'HGETALL', keys.metadata), keys.metadata);
  const count = rawCount === undefined ? 0 : Number(rawCount);
  if (!Number.isSafeInteger(count) || count < 0) throw mismatch(keys.count, 'an integer', rawCount);
  return { mode: 'status', count, lastMaintenance: last, previousMaintenance: previous, metadata };
}

/** The result of one command, or the classified error it got. */
function resultOf(entry: Entry | undefined, command: string, key: string | undefined): unknown {
  if (entry === undefined) {
    throw new KeepaliveError(
      'protocol',
      `The answer is missing the reply to ${command}.`,
      'input url must be the REST URL of an Upstash-compatible endpoint.',
    );
  }
  if (entry.error === undefined) return entry.result;
  if (/^NOPERM\b/.test(entry.error)) throw readOnlyToken(entry.error);
  const on = key === undefined ? '' : ` on key '${key}'`;
  if (/^WRONGTYPE\b|not an integer|not a valid/.test(entry.error)) {
    throw new KeepaliveError(
      'command',
      `${command}${on} failed: ${entry.error}. That key holds a value of another kind than the keep-alive stores.`,
      `the key belongs to the keep-alive's namespace: choose another key-prefix, or remove or rename '${key ?? ''}' yourself if its data is not needed.`,
    );
  }
  throw new KeepaliveError(
    'command',
    `${command}${on} failed: ${entry.error}.`,
    'check the database accepts standard Redis commands (Redis 6.2 or later).',
  );
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw mismatch(key, 'a string or nothing', value);
}

/** HGETALL comes back as a flat [field, value, …] array. */
function hash(value: unknown, key: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (!Array.isArray(value) || value.length % 2 !== 0) throw mismatch(key, 'a hash', value);
  const out: Record<string, string> = {};
  for (let i = 0; i < value.length; i += 2) out[String(value[i])] = String(value[i + 1]);
  return out;
}

function verify(what: string, expected: string, actual: unknown): void {
  if (actual !== expected) throw mismatch(what, JSON.stringify(expected), actual);
}

function mismatch(what: string, expected: string, actual: unknown): KeepaliveError {
  return new KeepaliveError(
    'verification',
    `Verification failed: ${what} read back ${actual === undefined ? 'nothing' : JSON.stringify(actual)}, expected ${expected}.`,
    'something else writes under this key-prefix, or the endpoint does not store what it is sent: use a key-prefix of its own for the keep-alive.',
  );
}

/** status with max-age-hours: the keep-alive itself is overdue when its last run is too old. */
export function checkFreshness(outcome: Outcome, maxAgeHours: number | undefined, now: Date): void {
  if (outcome.mode !== 'status' || maxAgeHours === undefined) return;
  const fix =
    'check the keep-alive workflow: is its schedule disabled (GitHub disables schedules after 60 days without activity) or are its runs failing?';
  if (outcome.lastMaintenance === undefined) {
    throw new KeepaliveError(
      'stale',
      `No maintenance is recorded under this key-prefix (max-age-hours is ${maxAgeHours}).`,
      fix,
    );
  }
  const ageHours = (now.getTime() - Date.parse(outcome.lastMaintenance)) / 3_600_000;
  if (!(ageHours <= maxAgeHours)) {
    const shown = Number.isFinite(ageHours)
      ? `${ageHours.toFixed(1)} h ago`
      : 'at an unreadable time';
    throw new KeepaliveError(
      'stale',
      `The last maintenance was ${shown} (${outcome.lastMaintenance}), older than max-age-hours ${maxAgeHours}.`,
      fix,
    );
  }
}
