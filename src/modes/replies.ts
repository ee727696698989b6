// Reading the replies of Redis commands: values stored by anyone, so each is checked for what it
// must be (a time, a counter, the keep-alive's fields) and quoted only printable and bounded.

import { commandFailure } from '../failures.js';
import { KeepaliveError, type Target } from '../errors.js';
import { CAPS, outside } from '../safe-text.js';
import { setting } from '../wording.js';

import type { Entry } from './commands.js';

/** The result of one command, or the classified error it got. */
export function resultOf(
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

/** A stored counter: a whole number JavaScript holds exactly. */
export function counter(value: unknown, key: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  const count = typeof text === 'string' && /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count)) throw mismatch(key, 'a whole number', value);
  return count;
}

/** ISO 8601 date and time with a zone, as the keep-alive writes them (and checked to exist). */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/** A stored time: absent, or an ISO 8601 time; anything else is a verification failure. */
export function isoTime(value: unknown, key: string): string | undefined {
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

function optionalString(value: unknown, key: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw mismatch(key, 'a string or nothing', value);
}

/**
 * HMGET's answer: an array of values in the order asked (REST, Lua, ioredis), or the SDK's
 * object of them, or null when none is set. Values stored by anyone: printable and bounded.
 */
export function fieldValues(value: unknown, fields: string[], key: string): Record<string, string> {
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

/** A list (LRANGE): an array, or nothing. */
export function list(value: unknown, key: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw mismatch(key, 'a list', value);
  return value as unknown[];
}

export function verify(what: string, expected: string, actual: unknown): void {
  if (actual !== expected) throw mismatch(what, JSON.stringify(expected), actual);
}

export function mismatch(what: string, expected: string, actual: unknown): KeepaliveError {
  return new KeepaliveError(
    'verification',
    `Verification failed: ${what} read back ${actual === undefined || actual === null ? 'nothing' : outside(actual, 200)}, expected ${expected}.`,
    `something else writes under this key prefix, or the endpoint does not store what it is sent: give the keep-alive a key prefix of its own (${setting('key-prefix')}).`,
  );
}

/**
 * The backstop's beat and count, shown beside the record: written by QStash, not by this run, so
 * a value that is not what the beat script writes is left out rather than failing the run.
 */
export function beatOf(beat: unknown, beats: unknown): { beat?: string; beats?: number } {
  const at =
    typeof beat === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(beat)
      ? beat
      : undefined;
  const count = typeof beats === 'string' && /^\d{1,15}$/.test(beats) ? Number(beats) : undefined;
  return at === undefined ? {} : { beat: at, beats: count };
}
