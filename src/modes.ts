// What each mode sends and how its replies are read. Every mode is ONE request:
//   ping         PING, via /pipeline
//   maintenance  one transaction (/multi-exec) holding one Lua script: check, write, read back
//   status       reads only, via /pipeline, so Upstash's read-only token is enough
// Every key lives under `<key-prefix>:`; nothing outside it is ever written or deleted.

import type { Redis } from '@upstash/redis';
import type { RunContext } from './context.js';
import { KeepaliveError, passwordRejected, readOnlyToken } from './errors.js';
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

/**
 * The maintenance as one Lua script, so it is all-or-nothing: every key is type-checked before
 * anything is written (a MULTI alone would apply the commands that succeed and skip the others),
 * and a key of another kind under the prefix is reported by name, never overwritten.
 * KEYS: last-maintenance, previous-maintenance, status, count, metadata.
 * ARGV: timestamp, status value, then metadata field/value pairs.
 */
export const MAINTENANCE_SCRIPT = `
local kinds = {'string', 'string', 'string', 'string', 'hash'}
for i, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key).ok
  if kind ~= 'none' and kind ~= kinds[i] then
    return redis.error_reply('WRONGTYPE key ' .. key .. ' holds a ' .. kind .. ', where the keep-alive keeps a ' .. kinds[i])
  end
end
local count = redis.call('GET', KEYS[4])
if count and not string.match(count, '^%d+$') then
  return redis.error_reply('WRONGTYPE key ' .. KEYS[4] .. ' holds a string that is not a counter')
end
local previous = redis.call('GET', KEYS[1])
if previous then redis.call('SET', KEYS[2], previous) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[3], ARGV[2])
local n = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[5], unpack(ARGV, 3))
return {previous or false, n, redis.call('GET', KEYS[1]), redis.call('GET', KEYS[3]), redis.call('HGETALL', KEYS[5])}
`.trim();

async function maintenance(redis: Redis, { keys, context, now }: ModeInput): Promise<Outcome> {
  const stamp = now.toISOString();
  const metadata: Record<string, string> = { ...context, 'maintained-at': stamp };
  const scriptKeys = [
    keys.lastMaintenance,
    keys.previousMaintenance,
    keys.status,
    keys.count,
    keys.metadata,
  ];
  const args = [stamp, STATUS_VALUE, ...Object.entries(metadata).flat()];
  // One transaction holding the script: one request to /multi-exec, atomic either way.
  const [entry] = (await redis
    .multi()
    .eval(MAINTENANCE_SCRIPT, scriptKeys, args)
    .exec({ keepErrors: true })) as Entry[];
  const reply = resultOf(entry, 'The maintenance script', undefined);
  if (!Array.isArray(reply) || reply.length !== 5) {
    throw new KeepaliveError(
      'protocol',
      `The maintenance script answered ${JSON.stringify(reply)} instead of its five results.`,
      'input url must be the REST URL of a Redis database that runs Lua scripts (EVAL).',
    );
  }
  const [previousRaw, count, readLast, readStatus, readMetadata] = reply as unknown[];
  const previous = optionalString(previousRaw, keys.lastMaintenance);
  verify(keys.lastMaintenance, stamp, readLast);
  verify(keys.status, STATUS_VALUE, readStatus);
  const stored = hash(readMetadata, keys.metadata);
  for (const [field, value] of Object.entries(metadata)) {
    verify(`${keys.metadata} field ${field}`, value, stored[field]);
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
  if (/\bNOPERM\b/.test(entry.error)) throw readOnlyToken(entry.error);
  if (/^(NOAUTH|WRONGPASS)\b/.test(entry.error)) throw passwordRejected(entry.error);
  const on = key === undefined ? '' : ` on key '${key}'`;
  if (/^WRONGTYPE\b/.test(entry.error)) {
    throw new KeepaliveError(
      'command',
      `${command}${on} was refused and nothing was written: ${entry.error}.`,
      'a key under key-prefix holds data the keep-alive did not write: choose another key-prefix, or remove or rename that key yourself if its data is not needed.',
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

/** HGETALL comes back as a flat [field, value, …] array (REST, Lua) or as an object (ioredis). */
function hash(value: unknown, key: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
  }
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
