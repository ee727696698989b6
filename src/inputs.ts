// Turns the raw action inputs into one typed, validated Settings object.
// Pure: it reads through the `read` function it is given and never touches the network,
// so every bad value is refused before a single request is sent.

import { InputError } from './input-error.js';
import { isLoopback } from './connections/url.js';
import {
  lines,
  parseConnections,
  type Connection,
  type ConnectionValues,
} from './connections/index.js';
import { outside, printable } from './safe-text.js';
import { DEFAULT_QSTASH_URL, type BackstopSettings } from './backstop/plan.js';
import { setting } from './wording.js';

export const MODES = ['ping', 'maintenance', 'status'] as const;
export type Mode = (typeof MODES)[number];

export interface Settings {
  /** The databases to keep alive (one per line of `url`), each REST or TCP. */
  connections: Connection[];
  /** With several databases: fail the step when any fails, or only when all do. */
  failOn: 'any' | 'all';
  mode: Mode;
  keyPrefix: string;
  timeoutMs: number;
  maxAttempts: number;
  /** `status` fails when the last maintenance is older than this; undefined = no limit. */
  maxAgeHours: number | undefined;
  /** Runs kept in `<prefix>:history` by maintenance, and read by status (0: off). */
  historySize: number;
  /** `status` fails when more runs than this were missed in the history; undefined = no limit. */
  maxMissedRuns: number | undefined;
  /** Databases kept alive at once. */
  concurrency: number;
  /** This job's share of the databases (a matrix of jobs); undefined: all of them. */
  shard: { index: number; of: number } | undefined;
  /** The QStash backstop, when a QStash token is given. */
  backstop: BackstopSettings | undefined;
  /** What the action does for its own upkeep: watch the schedule, raise alerts. */
  upkeep: UpkeepSettings;
}

export interface UpkeepSettings {
  /** Opt-in: re-enable the workflow through GitHub's API (see upkeep/schedule.ts for why). */
  keepWorkflowAlive: boolean;
  /** Re-arm only when the repository's last push is older than this many days. */
  keepAliveAfterDays: number;
  /** Warn from this many days without activity on, while keep-workflow-alive is off. */
  warnAfterDays: number;
  githubToken: string;
  alertIssue: boolean;
  webhookUrl: string | undefined;
}

export const DEFAULTS = {
  // The one keep-alive sure to count as traffic: Upstash does not say whether a PING does.
  mode: 'maintenance',
  keyPrefix: 'upstash-keepalive',
  timeoutSeconds: 10,
  maxAttempts: 3,
  keepWorkflowAlive: false,
  keepAliveAfterDays: 45,
  warnAfterDays: 50,
  historySize: 90,
  concurrency: 32,
} as const;

export const LIMITS = {
  /** Below this an attempt could not even connect; the clock measures milliseconds. */
  minTimeoutSeconds: 0.1,
  timeoutSeconds: 300,
  maxAttempts: 10,
  keyPrefixLength: 128,
  historySize: 1000,
  concurrency: 256,
} as const;

/** Reads one input as the runner passed it; returns '' when unset. */
export type InputReader = (name: string) => string;

/**
 * `env` supplies the fallback variables used when no URL is given. `values` are the URLs and
 * tokens, when the shell has them as lists (the command line); else the lines of url and token.
 */
export function parseSettings(
  read: InputReader,
  env: NodeJS.ProcessEnv = {},
  given?: ConnectionValues,
): Settings {
  // Every single value first, the databases last: a wrong mode is named before a missing URL.
  const single = {
    failOn: parseFailOn(read('fail-on')),
    mode: parseMode(read('mode')),
    keyPrefix: parseKeyPrefix(read('key-prefix')),
    timeoutMs: parseTimeout(read('timeout-seconds')),
    maxAttempts: parseMaxAttempts(read('max-attempts')),
    maxAgeHours: parseMaxAge(read('max-age-hours')),
    historySize:
      parseWhole('history-size', read('history-size'), 0, LIMITS.historySize) ??
      DEFAULTS.historySize,
    maxMissedRuns: parseWhole('max-missed-runs', read('max-missed-runs'), 0, LIMITS.historySize),
    concurrency:
      parseWhole('concurrency', read('concurrency'), 1, LIMITS.concurrency) ?? DEFAULTS.concurrency,
    shard: parseShard(read('shard')),
    backstop: parseBackstop(read, env),
    upkeep: parseUpkeepSettings(read),
  };
  const values = given ?? connectionValues(read);
  const all = parseConnections(values, env);
  // A shard k/n keeps every n-th database from the k-th on: the matrix's n jobs cover them all.
  const { shard } = single;
  const connections = shard ? all.filter((_, i) => i % shard.of === shard.index - 1) : all;
  return { connections, ...single };
}

/** url and token as lines, or the entries of the databases JSON (one of the two, not both). */
function connectionValues(read: InputReader): ConnectionValues {
  const json = read('databases').trim();
  if (json === '') return { urls: lines(read('url')), tokens: lines(read('token')) };
  if (read('url').trim() !== '') {
    throw new InputError(
      'databases',
      `and ${setting('url')} are both given: give the databases in one of them.`,
    );
  }
  const entries = parseDatabasesJson(json);
  return {
    urls: entries.map((e) => e.url),
    tokens: entries.map((e) => e.token),
    fromDatabases: true,
  };
}

/** The databases JSON secret: `[{"url": "...", "token": "..."}, ...]`. */
export function parseDatabasesJson(json: string): { url: string; token: string }[] {
  const shape = 'a JSON array of {"url": "...", "token": "..."} objects';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // The parser's message quotes the text, which holds tokens: never repeated.
    throw new InputError('databases', `is not valid JSON: expected ${shape}.`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new InputError('databases', `must be ${shape}, with at least one entry.`);
  }
  return value.map((entry: unknown, i) => {
    const record = entry as Record<string, unknown> | null;
    const url = record?.url;
    const token = record?.token ?? '';
    const known = record !== null && typeof record === 'object' && !Array.isArray(record);
    const extra = known ? Object.keys(record).filter((k) => k !== 'url' && k !== 'token') : [];
    if (!known || typeof url !== 'string' || typeof token !== 'string' || extra.length > 0) {
      throw new InputError(
        'databases',
        `entry ${i + 1} must be {"url": "...", "token": "..."} (url a string; token a string, or left out for a redis:// URL that carries its password).`,
      );
    }
    return { url, token };
  });
}

/** The backstop's settings; QStash's own variables (QSTASH_TOKEN, QSTASH_URL) as fallbacks. */
function parseBackstop(read: InputReader, env: NodeJS.ProcessEnv): BackstopSettings | undefined {
  const token = (read('qstash-token').trim() || env.QSTASH_TOKEN?.trim()) ?? '';
  const [rawUrl, rawCron] = [read('qstash-url'), read('backstop-cron')];
  if (token === '') return undefined;
  if (/\s/.test(token) || /[^\x21-\x7e]/.test(token) || token.length < 8) {
    throw new InputError(
      'qstash-token',
      'is not a QStash token: paste the QSTASH_TOKEN of the Upstash console → QStash, whole and on one line.',
    );
  }
  const raw = rawUrl.trim() || env.QSTASH_URL?.trim() || DEFAULT_QSTASH_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError('qstash-url', 'is not a valid URL: expected https://qstash.upstash.io.');
  }
  const plain = url.protocol === 'http:' && isLoopback(url.hostname);
  if ((url.protocol !== 'https:' && !plain) || url.username !== '' || url.password !== '') {
    throw new InputError(
      'qstash-url',
      'must be an https:// URL without credentials (plain http:// only for a local QStash): the QStash token travels to it.',
    );
  }
  return {
    token,
    url: url.origin + url.pathname.replace(/\/+$/, ''),
    cron: parseCron(rawCron),
  };
}

/** Five cron fields, UTC, optionally after CRON_TZ=<zone> as QStash reads them. */
function parseCron(raw: string): string | undefined {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  const field = '[\\d*/,-]+';
  const pattern = new RegExp(`^(CRON_TZ=[\\w/+-]+ )?${field}( ${field}){4}$`);
  if (!pattern.test(value)) {
    throw new InputError(
      'backstop-cron',
      `must be a cron of five fields, such as '41 15 * * *' (UTC; CRON_TZ=Europe/Paris before it for a zone); got '${outside(value, 60)}'.`,
    );
  }
  return value;
}

/** "k/n": this job keeps the k-th of n shares of the databases alive. */
function parseShard(raw: string): { index: number; of: number } | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(value);
  const index = Number(match?.[1]);
  const of = Number(match?.[2]);
  if (!match || index < 1 || of < 1 || index > of) {
    throw new InputError(
      'shard',
      `must be k/n with 1 ≤ k ≤ n ≤ 999, such as 2/4 (the second of four jobs); got '${outside(value, 20)}'.`,
    );
  }
  return { index, of };
}

/** Read on its own too, so a run whose other inputs are refused can still raise its alerts. */
export function parseUpkeepSettings(read: InputReader): UpkeepSettings {
  return {
    keepWorkflowAlive: parseBoolean(
      'keep-workflow-alive',
      read('keep-workflow-alive'),
      DEFAULTS.keepWorkflowAlive,
    ),
    keepAliveAfterDays: parseDays(read('keep-alive-after-days')),
    warnAfterDays: parseWarnDays(read('warn-after-days')),
    githubToken: read('github-token').trim(),
    alertIssue: parseBoolean('alert-issue', read('alert-issue'), false),
    webhookUrl: parseWebhookUrl(read('webhook-url')),
  };
}

function parseFailOn(raw: string): 'any' | 'all' {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'any') return 'any';
  if (value === 'all') return 'all';
  throw new InputError('fail-on', `must be any or all; got '${outside(raw.trim(), 100)}'.`);
}

/** The YAML 1.2 booleans, as @actions/core's getBooleanInput accepts them. */
function parseBoolean(input: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(input, `must be true or false; got '${outside(value, 100)}'.`);
}

function parseDays(raw: string): number {
  const accepted = 'a number of days, 0 or more (0: re-arm on every scheduled run)';
  const days = parseNumber('keep-alive-after-days', raw, accepted) ?? DEFAULTS.keepAliveAfterDays;
  if (days > 365) {
    throw new InputError(
      'keep-alive-after-days',
      `must be ${accepted}, at most 365; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return days;
}

function parseWarnDays(raw: string): number {
  const accepted = 'a whole number of days from 0 to 59 (GitHub disables schedules at 60)';
  const days = parseNumber('warn-after-days', raw, accepted) ?? DEFAULTS.warnAfterDays;
  if (!Number.isInteger(days) || days > 59) {
    throw new InputError(
      'warn-after-days',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return days;
}

function parseWebhookUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      'webhook-url',
      'is not a valid URL: expected a Slack or Discord incoming webhook URL (https://…).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      'webhook-url',
      'must not contain user:password@: a webhook URL carries its secret in its path.',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new InputError(
      'webhook-url',
      'must start with https:// (plain http:// only for a local receiver): the URL is a secret.',
    );
  }
  return value;
}

function parseMode(raw: string): Mode {
  const value = raw.trim().toLowerCase();
  if (value === '') return DEFAULTS.mode;
  const mode = MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new InputError(
      'mode',
      `must be one of ${MODES.join(', ')}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return mode;
}

function parseKeyPrefix(raw: string): string {
  const value = raw.trim();
  if (value === '') return DEFAULTS.keyPrefix;
  if (/\s/.test(value) || printable(value) !== value) {
    throw new InputError('key-prefix', 'must not contain whitespace or control characters.');
  }
  if (/[*?[\]\\]/.test(value)) {
    throw new InputError(
      'key-prefix',
      'must not contain the glob characters * ? [ ] or a backslash: keys under it must be matchable exactly.',
    );
  }
  if (value.length > LIMITS.keyPrefixLength) {
    throw new InputError(
      'key-prefix',
      `must be at most ${LIMITS.keyPrefixLength} characters; got ${value.length}.`,
    );
  }
  return value;
}

function parseNumber(input: string, raw: string, accepted: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(value, 100)}'.`);
  }
  return n;
}

function parseTimeout(raw: string): number {
  const accepted = `a number of seconds from ${LIMITS.minTimeoutSeconds} to ${LIMITS.timeoutSeconds}`;
  const seconds = parseNumber('timeout-seconds', raw, accepted) ?? DEFAULTS.timeoutSeconds;
  if (seconds < LIMITS.minTimeoutSeconds || seconds > LIMITS.timeoutSeconds) {
    throw new InputError(
      'timeout-seconds',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return Math.round(seconds * 1000);
}

function parseMaxAttempts(raw: string): number {
  const accepted = `a whole number from 1 to ${LIMITS.maxAttempts}`;
  const n = parseNumber('max-attempts', raw, accepted) ?? DEFAULTS.maxAttempts;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.maxAttempts) {
    throw new InputError('max-attempts', `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}

/** A whole number from `min` to `max`, or undefined when empty. */
function parseWhole(input: string, raw: string, min: number, max: number): number | undefined {
  const accepted = `a whole number from ${min} to ${max}`;
  const n = parseNumber(input, raw, accepted);
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > max)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}

function parseMaxAge(raw: string): number | undefined {
  const accepted = 'a number of hours greater than 0, or empty for no limit';
  const hours = parseNumber('max-age-hours', raw, accepted);
  if (hours !== undefined && hours <= 0) {
    throw new InputError(
      'max-age-hours',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return hours;
}
