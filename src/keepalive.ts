// The core both shells share (the GitHub Action in action.ts, the command line in cli/): keep
// each database alive — one mode, over its transport, retried by one policy — all of them
// concurrently, and decide what the run as a whole amounts to.

import type { OpenTransport } from './transport/index.js';
import type { Connection } from './connections/index.js';
import type { Settings } from './inputs/index.js';
import type { Env } from './env.js';
import { runContext, type RunContext } from './run-context.js';
import { scrub } from './secrets.js';
import { asKeepaliveError } from './failures.js';
import { KeepaliveError } from './errors.js';
import { checkFreshness, checkMissedRuns, keysFor, runMode, type Outcome } from './modes/index.js';
import { atMost } from './pool.js';
import { DEFAULT_BACKOFF, retryLine, withRetry } from './retry.js';

/** What the core reads of the settings, and the run's context. */
export type EngineOptions = Pick<
  Settings,
  | 'mode'
  | 'keyPrefix'
  | 'timeoutMs'
  | 'maxAttempts'
  | 'maxAgeHours'
  | 'historySize'
  | 'maxMissedRuns'
  | 'concurrency'
> & {
  context: RunContext;
  /** The shell's transports: Node's HTTP and ioredis, or the platform's fetch. */
  open: OpenTransport;
  /**
   * The run's identity, when the shell has one a replay would repeat (a QStash message id): a
   * maintenance sent twice under it is applied once. Else each run and database gets its own.
   */
  runNonce?: string | undefined;
  /** Keep each database's history entries in its report (the command line's --json prints them). */
  historyEntries?: boolean | undefined;
  /** Told about each retry, to log it. */
  onRetry?: (database: string, error: KeepaliveError, attempt: number, delayMs: number) => void;
};

/** What happened to one database. */
export interface DatabaseReport {
  database: string;
  /** Where its URL came from: "input 'url'", a line of it, or an environment variable. */
  source: string;
  attempts: number;
  latencyMs?: number;
  outcome?: Outcome;
  error?: KeepaliveError;
}

/**
 * A nonce of fixed length (43 characters) from a given run id: the script keeps nonces of at most
 * 64 bytes, and a QStash message id with an Upstash host would pass that.
 */
async function fixedNonce(id: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function keepAlive(connection: Connection, options: EngineOptions): Promise<DatabaseReport> {
  const { database, source } = connection;
  const report: DatabaseReport = { database, source, attempts: 0 };
  try {
    const client = await options.open(connection, options.timeoutMs);
    const keys = keysFor(options.keyPrefix);
    // One per run and database: its retries share it.
    const nonce = options.runNonce
      ? await fixedNonce(`${options.runNonce}@${database}`)
      : crypto.randomUUID();
    let latencyMs = 0;
    const result = await withRetry<Outcome>(
      async () => {
        const started = performance.now();
        const outcome = await runMode(client, {
          mode: options.mode,
          keys,
          context: options.context,
          now: new Date(),
          nonce,
          historySize: options.historySize,
          historyEntries: options.historyEntries ?? false,
          target: connection,
        });
        latencyMs = Math.round(performance.now() - started);
        return outcome;
      },
      { maxAttempts: options.maxAttempts, ...DEFAULT_BACKOFF },
      {
        onRetry: (error, attempt, delayMs) => options.onRetry?.(database, error, attempt, delayMs),
      },
    );
    report.attempts = result.attempts;
    if (!result.ok) throw result.error;
    report.outcome = result.value;
    report.latencyMs = latencyMs;
    checkFreshness(result.value, options.maxAgeHours, new Date());
    checkMissedRuns(result.value, options.maxMissedRuns);
  } catch (thrown) {
    report.error = asKeepaliveError(thrown);
  }
  return report;
}

/**
 * Every database, `concurrency` at a time: ten slow databases take as long as the slowest, and a
 * thousand take ceil(1000 / concurrency) times one, with no more than `concurrency` requests, or
 * replies held in memory, at once.
 */
export async function keepAliveAll(
  connections: Connection[],
  options: EngineOptions,
): Promise<DatabaseReport[]> {
  return atMost(connections, options.concurrency, (connection) => keepAlive(connection, options));
}

/**
 * The run's own failure, if any. One database: its error, unchanged. Several: which failed, when
 * `fail-on` says the run fails (any: one is enough; all: every one must have failed).
 */
export function runFailure(
  reports: DatabaseReport[],
  failOn: 'any' | 'all',
): KeepaliveError | undefined {
  const failed = reports.filter((r) => r.error !== undefined);
  if (failed.length === 0) return undefined;
  if (reports.length === 1) return failed[0]?.error;
  if (failOn === 'all' && failed.length < reports.length) return undefined;
  const first = failed[0]?.error;
  const list = failed.map((r) => `${r.database} (${r.error?.message ?? ''})`).join('; ');
  return new KeepaliveError(
    first?.kind ?? 'command',
    `${failed.length} of ${reports.length} databases failed: ${list}`,
    failed.length === 1 && first ? first.fix : 'see the fix for each database in the step summary.',
  );
}

/** A whole run: every database, and the run's failure; no secret left in any message. */
export interface RunResult {
  databases: DatabaseReport[];
  failure: KeepaliveError | undefined;
}

/** What a shell hands the core besides its settings. */
export interface Shell {
  /** Where the run's context (GITHUB_*) is read. */
  env: Env;
  /** Told each retry, as a log line. */
  onRetry: (database: string, line: string) => void;
  open: OpenTransport;
  runNonce?: string | undefined;
  /** Keep each database's history entries in its report, not only the figures. */
  historyEntries?: boolean | undefined;
}

/** What every shell does with its settings. */
export async function keepAliveRun(settings: Settings, shell: Shell): Promise<RunResult> {
  const databases = await keepAliveAll(settings.connections, {
    ...settings,
    historyEntries: shell.historyEntries,
    context: runContext(shell.env),
    open: shell.open,
    runNonce: shell.runNonce,
    onRetry: (database, error, attempt, delayMs) => {
      shell.onRetry(database, retryLine(error, attempt, settings.maxAttempts, delayMs));
    },
  });
  for (const db of databases) scrub(db.error);
  return { databases, failure: scrub(runFailure(databases, settings.failOn)) };
}
