// What each mode sends and how its replies are read. Every mode is ONE request:
//   ping         PING, via /pipeline
//   maintenance  one transaction (/multi-exec) holding one Lua script: check, write, read back
//   status       reads only, via /pipeline, so Upstash's read-only token is enough
// Every key lives under `<key-prefix>:`; nothing outside it is ever written or deleted.

import type { Redis } from '@upstash/redis';
import { RUN_CONTEXT_FIELDS, type RunContext } from './context.js';
import { commandFailure, KeepaliveError, type Target } from './errors.js';
import type { Mode } from './inputs.js';
import { MAINTENANCE_SCRIPT } from './lua.js';
import { CAPS, outside } from './safe-text.js';
import { setting } from './wording.js';

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
  /** maintenance: whose clock stamped it, and whether an earlier attempt of this run had. */
  clock?: 'database' | 'runner';
  replayed?: boolean;
}

export interface ModeInput {
  mode: Mode;
  keys: Keys;
  context: RunContext;
  now: Date;
  /** The same for every attempt of one run: a retry of an applied maintenance is not counted. */
  nonce: string;
  /** Who answers: named in messages about refusals. */
  target: Target;
}

/** How far ahead of this runner's clock a stored time may be before it counts as wrong. */
export const CLOCK_SKEW_MS = 5 * 60_000;

type Entry = { result?: unknown; error?: string };

/** Runs one mode through the client; throws a classified KeepaliveError on any problem. */
export async function runMode(redis: Redis, input: ModeInput): Promise<Outcome> {
  switch (input.mode) {
    case 'ping':
      return ping(redis, input.target);
    case 'maintenance':
      return maintenance(redis, input);
    case 'status':
      return status(redis, input);
  }
}

async function ping(redis: Redis, target: Target): Promise<Outcome> {
  const [entry] = (await redis.pipeline().ping().exec({ keepErrors: true })) as Entry[];
  const reply = resultOf(entry, 'PING', undefined, target);
  if (reply !== 'PONG') {
    throw new KeepaliveError(
      'protocol',
      `PING was answered with ${outside(reply, 100)} instead of PONG.`,
      `${setting('url')} must be the URL of a Redis database.`,
    );
  }
  return { mode: 'ping', reply };
}

async function maintenance(redis: Redis, input: ModeInput): Promise<Outcome> {
  const { keys, context, now, nonce, target } = input;
  const metadata: Record<string, string> = { ...context };
  const scriptKeys = [
    keys.lastMaintenance,
    keys.previousMaintenance,
    keys.status,
    keys.count,
    keys.metadata,
  ];
  const args = [
    String(now.getTime()),
    STATUS_VALUE,
    nonce,
    String(CLOCK_SKEW_MS),
    ...Object.entries(metadata).flat(),
  ];
  // One transaction holding the script: one request to /multi-exec, atomic either way.
  const [entry] = (await redis
    .multi()
    .eval(MAINTENANCE_SCRIPT, scriptKeys, args)
    .exec({ keepErrors: true })) as Entry[];
  const reply = resultOf(entry, 'The maintenance script', undefined, target);
  if (!Array.isArray(reply) || reply.length !== 7) {
    throw new KeepaliveError(
      'protocol',
      `The maintenance script answered ${outside(reply, 200)} instead of its seven results.`,
      `${setting('url')} must be the URL of a Redis database that runs Lua scripts (EVAL).`,
    );
  }
  const [applied, previousRaw, countRaw, readLast, readStatus, readMetadata, clock] =
    reply as unknown[];
  const last = isoTime(readLast, keys.lastMaintenance);
  if (last === undefined) throw mismatch(keys.lastMaintenance, 'an ISO 8601 time', readLast);
  const previous = isoTime(previousRaw, keys.previousMaintenance);
  verify(keys.status, STATUS_VALUE, readStatus);
  const expected = { 'maintained-at': last, 'run-nonce': nonce, ...metadata };
  const stored = fieldValues(
    readMetadata,
    ['maintained-at', 'clock', 'run-nonce', ...Object.keys(metadata)],
    keys.metadata,
  );
  for (const [field, value] of Object.entries(expected)) {
    verify(`${keys.metadata} field ${field}`, value, stored[field]);
  }
  const count = counter(countRaw, keys.count);
  if (count < 1) throw mismatch(keys.count, 'a positive integer', countRaw);
  return {
    mode: 'maintenance',
    count,
    lastMaintenance: last,
    previousMaintenance: previous,
    clock: clock === 'database' ? 'database' : 'runner',
    replayed: applied === 'replayed',
  };
}

async function status(redis: Redis, { keys, target }: ModeInput): Promise<Outcome> {
  const entries = (await redis
    .pipeline()
    .get(keys.lastMaintenance)
    .get(keys.previousMaintenance)
    .get(keys.count)
    .hmget(keys.metadata, ...METADATA_FIELDS)
    .exec({ keepErrors: true })) as Entry[];
  const read = (i: number, command: string, key: string) =>
    resultOf(entries[i], command, key, target);
  const last = isoTime(read(0, 'GET', keys.lastMaintenance), keys.lastMaintenance);
  const previous = isoTime(read(1, 'GET', keys.previousMaintenance), keys.previousMaintenance);
  const count = counter(read(2, 'GET', keys.count) ?? '0', keys.count);
  const metadata = fieldValues(read(3, 'HMGET', keys.metadata), METADATA_FIELDS, keys.metadata);
  return { mode: 'status', count, lastMaintenance: last, previousMaintenance: previous, metadata };
}

/** The metadata fields the keep-alive writes, and only those are read back. */
const METADATA_FIELDS = ['maintained-at', 'clock', 'run-nonce', ...RUN_CONTEXT_FIELDS];

/** A stored counter: a whole number JavaScript holds exactly. */
function counter(value: unknown, key: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  const count = typeof text === 'string' && /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count)) throw mismatch(key, 'a whole number', value);
  return count;
}

/** ISO 8601 date and time with a zone, as the keep-alive writes them (and checked to exist). */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/** A stored time: absent, or an ISO 8601 time; anything else is a verification failure. */
function isoTime(value: unknown, key: string): string | undefined {
  const text = optionalString(value, key);
  if (text === undefined) return undefined;
  const valid = ISO_TIME.test(text) && realDate(text);
  if (!valid) throw mismatch(key, 'an ISO 8601 time such as 2026-01-31T03:17:00.000Z', text);
  return text;
}

/** Rejects 2026-02-31 and 25:00, which Date.parse would roll over or refuse. */
function realDate(text: string): boolean {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return false;
  const [date = ''] = text.split('T');
  const offset = /([+-])(\d\d):(\d\d)$/.exec(text);
  const shift = offset
    ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
    : 0;
  return new Date(ms + shift * 60_000).toISOString().startsWith(date);
}

/** The result of one command, or the classified error it got. */
function resultOf(
  entry: Entry | undefined,
  command: string,
  key: string | undefined,
  target: Target,
): unknown {
  if (entry === undefined) {
    throw new KeepaliveError(
      'protocol',
      `The answer is missing the reply to ${command}.`,
      `${setting('url')} must be the URL of an Upstash-compatible endpoint.`,
    );
  }
  if (entry.error === undefined) return entry.result;
  throw commandFailure(entry.error, command, key, target);
}

function optionalString(value: unknown, key: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw mismatch(key, 'a string or nothing', value);
}

/** HGETALL comes back as a flat [field, value, …] array (REST, Lua) or as an object (ioredis). */
/**
 * HMGET's answer: an array of values in the order asked (REST, Lua, ioredis), or the SDK's
 * object of them, or null when none is set. Values stored by anyone: printable and bounded.
 */
function fieldValues(value: unknown, fields: string[], key: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (value === null || value === undefined) return out;
  const values: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'object'
      ? fields.map((f) => (value as Record<string, unknown>)[f])
      : [];
  if (values.length !== fields.length) throw mismatch(key, 'the values of its fields', value);
  fields.forEach((field, i) => {
    const v = values[i];
    if (v !== null && v !== undefined) out[field] = outside(v, CAPS.quoted);
  });
  return out;
}

function verify(what: string, expected: string, actual: unknown): void {
  if (actual !== expected) throw mismatch(what, JSON.stringify(expected), actual);
}

function mismatch(what: string, expected: string, actual: unknown): KeepaliveError {
  return new KeepaliveError(
    'verification',
    `Verification failed: ${what} read back ${actual === undefined || actual === null ? 'nothing' : outside(actual, 200)}, expected ${expected}.`,
    `something else writes under this key prefix, or the endpoint does not store what it is sent: give the keep-alive a key prefix of its own (${setting('key-prefix')}).`,
  );
}

/** status with max-age-hours: the keep-alive itself is overdue when its last run is too old. */
export function checkFreshness(outcome: Outcome, maxAgeHours: number | undefined, now: Date): void {
  if (outcome.mode !== 'status' || maxAgeHours === undefined) return;
  const fix =
    'check the keep-alive workflow: is its schedule disabled (GitHub disables schedules after 60 days without activity) or are its runs failing?';
  const last = outcome.lastMaintenance;
  if (last === undefined) {
    throw new KeepaliveError(
      'stale',
      `No maintenance is recorded under this key prefix (${setting('max-age-hours')} is ${maxAgeHours}).`,
      fix,
    );
  }
  const ageMs = now.getTime() - Date.parse(last);
  if (ageMs < -CLOCK_SKEW_MS) {
    throw new KeepaliveError(
      'stale',
      `The last maintenance is recorded in the future (${last}, ${Math.round(-ageMs / 60_000)} min ahead of this runner's clock): it proves nothing about the keep-alive's age.`,
      'a clock is wrong, or something else wrote that key: run mode maintenance once to record a true time (it never keeps a time from the future).',
    );
  }
  const ageHours = ageMs / 3_600_000;
  if (ageHours > maxAgeHours) {
    throw new KeepaliveError(
      'stale',
      `The last maintenance was ${ageHours.toFixed(1)} h ago (${last}), older than ${setting('max-age-hours')} ${maxAgeHours}.`,
      fix,
    );
  }
}
