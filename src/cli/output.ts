// What the command line prints: timestamped lines (results on stdout, failures on stderr), or one
// JSON object with --json, the same shape on every path. Never a workflow command.

import { sparkline } from '../chart.js';
import type { DatabaseReport } from '../keepalive.js';
import type { KeepaliveError } from '../errors.js';
import { logLine } from '../safe-text.js';

export const stamp = (): string => `[${new Date().toISOString()}]`;

export function out(line: string): void {
  process.stdout.write(`${logLine(line)}\n`);
}

export function err(line: string): void {
  process.stderr.write(`${logLine(line)}\n`);
}

/**
 * One JSON object on one line. `##[` is written `#\u0023[` inside its strings (the same text once
 * parsed): a runner reading this command's output in a `run:` step must not see a command.
 */
export function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value).replace(/##\[/g, '#\\u0023[')}\n`);
}

export function errorJson(error: KeepaliveError | undefined) {
  return error ? { kind: error.kind, message: error.message, fix: error.fix } : null;
}

/** One database's facts as a line: `48 ms, attempt 1, count 12, last …`. */
export function describe(db: DatabaseReport): string {
  const o = db.outcome;
  const facts = [`${db.latencyMs ?? 0} ms`, `attempt ${db.attempts}`];
  if (o?.reply !== undefined) facts.push(`reply ${o.reply}`);
  if (o?.count !== undefined) facts.push(`count ${o.count}`);
  if (o?.lastMaintenance !== undefined) facts.push(`last ${o.lastMaintenance}`);
  if (o?.previousMaintenance !== undefined) facts.push(`previous ${o.previousMaintenance}`);
  if (o?.backstopBeat !== undefined) facts.push(`backstop beat ${o.backstopBeat}`);
  if (o?.history && o.history.entries.length > 0) facts.push(`history ${sparkline(o.history)}`);
  return facts.join(', ');
}

/** One database for --json, with the keys of the action's `results` output. */
export function asJson(db: DatabaseReport) {
  const o = db.outcome;
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
    'backstop-last-beat': o?.backstopBeat ?? null,
    history: o?.history
      ? {
          entries: o.history.entries,
          'median-interval-hours': o.history.medianIntervalHours ?? null,
          'longest-gap-hours': o.history.longestGapHours ?? null,
          'missed-runs': o.history.missedRuns,
          gaps: o.history.gaps,
        }
      : null,
    error: errorJson(db.error),
  };
}
