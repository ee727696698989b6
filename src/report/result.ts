// A whole run as data: what the command line prints with --json, what the library's keepAlive()
// resolves to and what the route answers. One shape, built in one place.

import type { KeepaliveError } from '../errors.js';
import type { DatabaseReport } from '../keepalive.js';
import type { Gap } from '../modes/history.js';
import type { HistoryEntry } from '../modes/history-entry.js';
import type { Mode } from '../modes/types.js';
import { databaseResult, errorFields, type DatabaseResult, type ErrorFields } from './format.js';

/** One database's history of runs: the raw entries, newest first, and the gaps found in it. */
export interface HistoryRecord {
  database: string;
  entries: HistoryEntry[];
  gaps: Gap[];
}

export interface KeepAliveResult {
  /** Every database kept alive (with fail-on all: at least one). */
  ok: boolean;
  /** null when the settings were refused before any database was tried. */
  mode: Mode | null;
  databases: DatabaseResult[];
  /** What the sparkline and the chart draw: each database's history, when it has one. */
  histories: HistoryRecord[];
  /** The run's failure: a refused setting, or which databases failed and what to do. */
  error: ErrorFields | null;
}

export function runResult(
  mode: Mode,
  databases: DatabaseReport[],
  failure: KeepaliveError | undefined,
): KeepAliveResult {
  return {
    ok: !failure,
    mode,
    databases: databases.map((db) => databaseResult(db)),
    histories: databases.flatMap((db) => {
      const history = db.outcome?.history;
      return history
        ? [{ database: db.database, entries: history.entries ?? [], gaps: history.gaps }]
        : [];
    }),
    error: errorFields(failure),
  };
}

/** A run refused before any database was tried. */
export function refusedResult(error: KeepaliveError): KeepAliveResult {
  return { ok: false, mode: null, databases: [], histories: [], error: errorFields(error) };
}
