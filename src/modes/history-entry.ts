// One entry of the history (`<prefix>:history`): what the maintenance script writes, and how a
// stored one is read back. Anyone who can write under the prefix can write entries, so an entry
// is checked before it counts: one that is not the keep-alive's JSON, too large, or dated at a
// time that does not exist is left out (undefined).

import { outside } from '../safe-text.js';

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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A time as toISOString() writes it, of a day that exists (not 2026-02-31, not 24:00). */
function realTime(at: unknown): at is string {
  if (typeof at !== 'string' || !ISO.test(at)) return false;
  const ms = Date.parse(at);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === at;
}

/** One stored entry, or undefined when it is not one the keep-alive wrote. */
export function parseEntry(raw: unknown): HistoryEntry | undefined {
  if (typeof raw !== 'string' || Buffer.byteLength(raw) > ENTRY_BYTES) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (!realTime(record.at)) return undefined;
  const text = (key: string) => outside(typeof record[key] === 'string' ? record[key] : '', 100);
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
  if (typeof raw !== 'string' || Buffer.byteLength(raw) > ENTRY_BYTES) return undefined;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { at, nonce } = value as Record<string, unknown>;
    return { at, nonce };
  } catch {
    return undefined;
  }
}
