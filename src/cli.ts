// The command line: the same engine as the action, for crontab, Docker, systemd timers and
// `npm run maintenance`-style scripts. A thin shell: arguments → Settings → engine → output.
// It prints plain lines (or one JSON object with --json) and never a workflow command.

import { parseArgs } from 'node:util';
import { fallbackNames, secretValues } from './connection.js';
import { sparkline } from './chart.js';
import { runContext } from './context.js';
import { keepAliveAll, runFailure, type DatabaseReport } from './engine.js';
import { asKeepaliveError, KeepaliveError, scrub } from './errors.js';
import { parseSettings } from './inputs.js';
import { retryLine } from './retry.js';
import { logLine, outside } from './safe-text.js';
import { forgetSecrets, rememberSecrets } from './secrets.js';
import { VERSION } from './version.js';
import { useSurface } from './wording.js';

export const HELP = `Usage: upstash-keepalive [maintenance|ping|status] [options]

Keeps an Upstash Redis database (or any Redis) from being archived or deleted for inactivity:
the engine of the upstash-keepalive GitHub Action, as a command.

Modes:
  maintenance   writes and verifies a timestamp, a status, a counter and metadata under the
                key prefix, in one atomic request (the default: a write surely counts as
                traffic)
  ping          PING, expects PONG; writes nothing
  status        reads what the last maintenance left; writes nothing (read-only token is enough)

Options:
  --url URL              REST URL (https://<name>.upstash.io) or redis:// / rediss:// URL;
                         repeat for several databases, kept alive concurrently
  --token TOKEN          REST token, or the password of a redis:// URL without one; repeat,
                         paired with --url in order. Prefer the environment variables below:
                         a command-line argument is visible to other users of the machine.
                         With --url and no --token, UPSTASH_REDIS_REST_TOKEN (or
                         KV_REST_API_TOKEN) is used
  --key-prefix PREFIX    namespace of the keys it writes (default upstash-keepalive)
  --timeout-seconds N    time limit of one attempt (default 10)
  --max-attempts N       attempts in all; only network errors, timeouts, 5xx, 429 are retried
                         (default 3)
  --max-age-hours N      status: fail when the last maintenance is older than N hours
  --history-size N       runs kept in the history, and read by status (default 90; 0: off)
  --max-missed-runs N    status: fail when more than N runs were missed in the history
  --databases JSON       the databases as [{"url": "...", "token": "..."}, ...] instead of --url
  --fail-on any|all      several databases: fail when any fails (default) or only when all do
  --concurrency N        several databases: how many at once (default 32)
  --shard K/N            keep only the K-th of N shares of the databases alive
  --json                 print one JSON object (on success and on every failure)
  -h, --help             print this help
  --version              print the version

Without --url, the first of these environment variables that is set is used:
  ${fallbackNames()}

Exit status: 0 when the run succeeded, 1 otherwise (with the reason and the fix on stderr).

Examples:
  UPSTASH_REDIS_REST_URL=https://… UPSTASH_REDIS_REST_TOKEN=… upstash-keepalive maintenance
  REDIS_URL=rediss://default:PASSWORD@host:6379 upstash-keepalive ping --json
`;

const OPTIONS = {
  url: { type: 'string', multiple: true },
  token: { type: 'string', multiple: true },
  'key-prefix': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  'max-attempts': { type: 'string' },
  'max-age-hours': { type: 'string' },
  'history-size': { type: 'string' },
  'max-missed-runs': { type: 'string' },
  'fail-on': { type: 'string' },
  databases: { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** The variables a --url given without --token takes its token from, in this order. */
const TOKEN_VARIABLES = ['UPSTASH_REDIS_REST_TOKEN', 'KV_REST_API_TOKEN'];

const stamp = () => `[${new Date().toISOString()}]`;

/**
 * One JSON object on one line. `##[` is written `#\u0023[` inside its strings (the same text once
 * parsed): a runner reading this command's output in a `run:` step must not see a command.
 */
function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(/##\[/g, '#\\u0023[');
}

function describe(db: DatabaseReport): string {
  const o = db.outcome;
  const facts = [`${db.latencyMs ?? 0} ms`, `attempt ${db.attempts}`];
  if (o?.reply !== undefined) facts.push(`reply ${o.reply}`);
  if (o?.count !== undefined) facts.push(`count ${o.count}`);
  if (o?.lastMaintenance !== undefined) facts.push(`last ${o.lastMaintenance}`);
  if (o?.previousMaintenance !== undefined) facts.push(`previous ${o.previousMaintenance}`);
  if (o?.history && o.history.entries.length > 0) facts.push(`history ${sparkline(o.history)}`);
  return facts.join(', ');
}

function errorJson(error: KeepaliveError | undefined) {
  return error ? { kind: error.kind, message: error.message, fix: error.fix } : null;
}

function asJson(db: DatabaseReport) {
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

/** Node's parser speaks of itself; these messages speak of this command. */
function argumentError(error: unknown): KeepaliveError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^'= ]*)/.exec(message)?.[1] ?? '';
  const said =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `Unknown option ${outside(option, 60)}.`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `Option ${outside(option, 60)} needs a value (or takes none).`
        : outside(message);
  return new KeepaliveError(
    'input',
    said,
    'run upstash-keepalive --help for the modes and options.',
  );
}

function parseArguments(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw argumentError(error);
  }
  if (parsed.positionals.length > 1) {
    throw new KeepaliveError(
      'input',
      `Expected one mode, got ${parsed.positionals.length}: ${outside(parsed.positionals.join(' '), 100)}.`,
      'give one of ping, maintenance, status as the first argument; see --help.',
    );
  }
  return parsed;
}

/** A reader that went away (`| head`) is not this command's failure: stop writing, quietly. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      process.exitCode ??= 0;
    });
  }
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  useSurface('command line');
  quietOnClosedPipe();
  // Known before parsing, so that even a refused argument is answered in JSON.
  const json = argv.some((arg) => arg === '--json' || arg.startsWith('--json='));
  const out = (line: string) => process.stdout.write(`${logLine(line)}\n`);
  const err = (line: string) => process.stderr.write(`${logLine(line)}\n`);
  const answer = (value: unknown) => process.stdout.write(`${jsonLine(value)}\n`);
  let mode: string | null = null;
  try {
    const { values, positionals } = parseArguments(argv);
    if (values.help) {
      if (json) answer({ help: HELP });
      else process.stdout.write(HELP);
      return 0;
    }
    if (values.version) {
      if (json) answer({ version: VERSION });
      else out(VERSION);
      return 0;
    }
    const urls = values.url ?? [];
    let tokens = values.token ?? [];
    // --url given without --token: the token may still come from the usual variable.
    const variable =
      tokens.length === 0 && urls.length > 0
        ? TOKEN_VARIABLES.find((name) => (env[name] ?? '').trim() !== '')
        : undefined;
    if (variable) tokens = urls.map(() => env[variable] ?? '');
    const flags: Record<string, string> = {
      mode: positionals[0] ?? '',
      'key-prefix': values['key-prefix'] ?? '',
      'timeout-seconds': values['timeout-seconds'] ?? '',
      'max-attempts': values['max-attempts'] ?? '',
      'max-age-hours': values['max-age-hours'] ?? '',
      'history-size': values['history-size'] ?? '',
      'max-missed-runs': values['max-missed-runs'] ?? '',
      'fail-on': values['fail-on'] ?? '',
      databases: values.databases ?? '',
      concurrency: values.concurrency ?? '',
      shard: values.shard ?? '',
      url: urls.join('\n'),
    };
    mode = outside(flags.mode ?? '', 20) || null;
    forgetSecrets();
    rememberSecrets(secretValues(tokens.join('\n'), urls.join('\n'), env, [], flags.databases));
    const lists = { urls, tokens, tokenVariable: variable };
    const settings = parseSettings(
      (name) => flags[name] ?? '',
      env,
      flags.databases ? undefined : lists,
    );
    mode = settings.mode;
    const databases = await keepAliveAll(settings.connections, {
      ...settings,
      context: runContext(env),
      onRetry: (database, error, attempt, delayMs) => {
        const line = retryLine(error, attempt, settings.maxAttempts, delayMs);
        if (!json) err(`${stamp()} ${database}: ${line}`);
      },
    });
    databases.forEach((db) => scrub(db.error));
    const failure = scrub(runFailure(databases, settings.failOn));
    if (json) {
      answer({
        ok: !failure,
        mode: settings.mode,
        databases: databases.map(asJson),
        error: errorJson(failure),
      });
    } else {
      for (const db of databases) {
        if (db.error)
          err(`${stamp()} ${settings.mode} failed on ${db.database}: ${db.error.describe()}`);
        else out(`${stamp()} ${settings.mode} ok on ${db.database} (${describe(db)})`);
      }
      if (failure && databases.length > 1) err(`${stamp()} ${failure.message}`);
    }
    return failure ? 1 : 0;
  } catch (thrown) {
    const error = scrub(asKeepaliveError(thrown));
    if (json) answer({ ok: false, mode, databases: [], error: errorJson(error) });
    else err(`${stamp()} ${error.describe()}`);
    return 1;
  }
}
