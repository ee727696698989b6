// Turns the raw action inputs into one typed, validated Settings object.
// Pure: it reads through the `read` function it is given and never touches the network,
// so every bad value is refused before a single request is sent.

import {
  InputError,
  isLoopback,
  lines,
  parseConnections,
  type Connection,
  type ConnectionValues,
} from './connection.js';
import { outside, printable } from './safe-text.js';

export { InputError } from './connection.js';

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
} as const;

export const LIMITS = {
  /** Below this an attempt could not even connect; the clock measures milliseconds. */
  minTimeoutSeconds: 0.1,
  timeoutSeconds: 300,
  maxAttempts: 10,
  keyPrefixLength: 128,
  historySize: 1000,
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
  values: ConnectionValues = { urls: lines(read('url')), tokens: lines(read('token')) },
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
    upkeep: parseUpkeepSettings(read),
  };
  return { connections: parseConnections(values, env), ...single };
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
