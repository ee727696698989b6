// One rendering of a database's result, with one set of keys: the `results` output, the command
// line's JSON, the single-value outputs, the summary's table and the one-line text of the log
// and of the command line are all read from it.

import type { DatabaseReport } from '../keepalive.js';
import type { BackstopState } from '../backstop/plan.js';
import type { FailureKind, KeepaliveError } from '../errors.js';
import { sparkline } from './chart.js';
import { CLOCK_SKEW_MS, leftOut } from '../modes/history.js';

/** An error as data: what went wrong, and what to do about it. */
export interface ErrorFields {
  kind: FailureKind;
  message: string;
  fix: string;
}

export interface DatabaseResult {
  database: string;
  /** Where its URL came from: "input 'url'", a line of it, or an environment variable. */
  source: string;
  ok: boolean;
  reply: string | null;
  'latency-ms': number | null;
  attempts: number;
  'maintenance-count': number | null;
  'last-maintenance': string | null;
  'previous-maintenance': string | null;
  'runs-in-history': number | null;
  'median-interval-hours': number | null;
  'longest-gap-hours': number | null;
  'missed-runs': number | null;
  /** The QStash backstop as this run left it; null when this run did not look at it. */
  backstop: BackstopState | null;
  'backstop-last-beat': string | null;
  'backstop-beats': number | null;
  /** true when an earlier attempt of this run had already applied the maintenance. */
  replayed: boolean;
  error: ErrorFields | null;
}

export function errorFields(error: KeepaliveError | undefined): ErrorFields | null {
  return error ? { kind: error.kind, message: error.message, fix: error.fix } : null;
}

/** `backstop`: the upkeep's state for this database, when it looked. */
export function databaseResult(db: DatabaseReport, backstop?: BackstopState): DatabaseResult {
  const o = db.outcome;
  const history = o?.history;
  return {
    database: db.database,
    source: db.source,
    ok: db.error === undefined,
    reply: o?.reply ?? null,
    'latency-ms': db.latencyMs ?? null,
    attempts: db.attempts,
    'maintenance-count': o?.count ?? null,
    'last-maintenance': o?.lastMaintenance ?? null,
    'previous-maintenance': o?.previousMaintenance ?? null,
    'runs-in-history': history?.kept ?? null,
    'median-interval-hours': history?.medianIntervalHours ?? null,
    'longest-gap-hours': history?.longestGapHours ?? null,
    'missed-runs': history?.missedRuns ?? null,
    backstop: backstop ?? null,
    'backstop-last-beat': o?.backstopBeat ?? null,
    'backstop-beats': o?.backstopBeats ?? null,
    replayed: o?.replayed ?? false,
    error: errorFields(db.error),
  };
}

/** A success as one line of text: `48 ms, attempt 1, count 12, last …, history ▁▂▃ (…)`. */
export function factsLine(db: DatabaseReport): string {
  const r = databaseResult(db);
  const facts = [`${r['latency-ms'] ?? 0} ms`, `attempt ${r.attempts}`];
  const add = (label: string, value: string | number | null) => {
    if (value !== null) facts.push(`${label} ${value}`);
  };
  add('reply', r.reply);
  add('count', r['maintenance-count']);
  add('last', r['last-maintenance']);
  add('previous', r['previous-maintenance']);
  add('backstop beat', r['backstop-last-beat']);
  const history = db.outcome?.history;
  // The sparkline holds the usual interval and the missed runs: said once, from the same facts.
  if (history && history.kept > 0) {
    const n = history.kept;
    facts.push(`history of ${n} run${n === 1 ? '' : 's'}: ${sparkline(history)}`);
  }
  const left = history && leftOut(history);
  if (left) facts.push(`history: ${left}`);
  if (r.replayed) facts.push('already applied by an earlier attempt: counted once');
  return facts.join(', ');
}

/**
 * "3 h 12 min ago" style age of an ISO timestamp, or '' when it cannot be read. A time ahead of
 * `now` by no more than the clock allowance is "just now", as the history and max-age-hours
 * take it: only beyond is it in the future.
 */
function age(iso: string | undefined, now: Date): string {
  if (iso === undefined) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  if (then - now.getTime() > CLOCK_SKEW_MS) return 'in the future';
  const minutes = Math.round((now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min ago`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h ago`;
}

/** A timestamp with its age, for people. */
export const stamp = (iso: string | null | undefined, now: Date): string =>
  iso ? `${iso} (${age(iso, now)})` : 'none recorded';
