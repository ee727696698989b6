// One entry of the history `<prefix>:history`: what the maintenance script writes for a run, and
// what an entry read back must hold to count as one. Anyone who can write under the prefix can
// write entries, so an entry that is not the keep-alive's JSON, is too large, or is dated at a
// time that does not exist is not a run.

import { outside, utf8Bytes } from '../safe-text.js';

/** One maintenance run, as the script wrote it (time from the database's clock). */
export interface HistoryEntry {
  at: string;
  outcome: string;
  'run-id': string;
  event: string;
  repository: string;
}

/**
 * The largest entry read, in bytes: the keep-alive's own are under it (maintenance.ts bounds what
 * it writes), and 1,000 of them, base64-encoded by the REST API, stay well within the 1 MiB a
 * reply may have. The maintenance script returns a larger one as nothing (lua.ts).
 */
export const ENTRY_BYTES = 512;

/**
 * The fields besides `at` that every version of the maintenance script has written, each a
 * string (the run's fields are empty on the command line outside GitHub). An entry without one
 * of them, a bare {"at": …} for instance, is not taken for a run; a field added later is allowed.
 */
const TEXT_FIELDS = ['outcome', 'run-id', 'event', 'repository', 'nonce'] as const;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A time as toISOString() writes it, of a day that exists (not 2026-02-31, not 24:00). */
function realTime(at: unknown): at is string {
  if (typeof at !== 'string' || !ISO.test(at)) return false;
  const ms = Date.parse(at);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === at;
}

/** The JSON object an entry holds, or undefined when it is not one of a bounded size. */
function object(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'string' || utf8Bytes(raw) > ENTRY_BYTES) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
    return plain ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One stored entry, or undefined when it is not one the keep-alive wrote. Its text fields are
 * made printable only when `shown`: a fleet counts 90,000 entries it never prints.
 */
export function parseEntry(raw: unknown, shown = true): HistoryEntry | undefined {
  const record = object(raw);
  if (!record || !realTime(record.at)) return undefined;
  if (!TEXT_FIELDS.every((field) => typeof record[field] === 'string')) return undefined;
  if (record.nonce === '') return undefined;
  const text = (key: string) => (shown ? outside(record[key], 100) : '');
  return {
    at: record.at,
    outcome: text('outcome'),
    'run-id': text('run-id'),
    event: text('event'),
    repository: text('repository'),
  };
}

/** The time and nonce of an entry, as the run that pushed it checks it was stored. */
export function pushedEntry(raw: unknown): { at: unknown; nonce: unknown } | undefined {
  const record = object(raw);
  return record && { at: record.at, nonce: record.nonce };
}
