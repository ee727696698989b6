// Turns the raw action inputs into one typed, validated Settings object.
// Pure: it reads through the `read` function it is given and never touches the network,
// so every bad value is refused before a single request is sent.

import { KeepaliveError } from './errors.js';

export const MODES = ['ping', 'maintenance', 'status'] as const;
export type Mode = (typeof MODES)[number];

export interface Settings {
  /** REST base URL, without trailing slash. */
  url: string;
  /** Host (and port when not default) of the database: safe to print. */
  database: string;
  /** REST token, without any `Bearer ` prefix. */
  token: string;
  mode: Mode;
  keyPrefix: string;
  timeoutMs: number;
  maxAttempts: number;
  /** `status` fails when the last maintenance is older than this; undefined = no limit. */
  maxAgeHours: number | undefined;
}

export const DEFAULTS = {
  mode: 'ping',
  keyPrefix: 'upstash-keepalive',
  timeoutSeconds: 10,
  maxAttempts: 3,
} as const;

export const LIMITS = {
  timeoutSeconds: 300,
  maxAttempts: 10,
  keyPrefixLength: 128,
} as const;

/** A value of one input that cannot be used. Never retried: the workflow file must change. */
export class InputError extends KeepaliveError {
  readonly input: string;
  constructor(input: string, message: string) {
    super(
      'input',
      `Input '${input}' ${message}`,
      `change '${input}' in the with: block of this step.`,
    );
    this.input = input;
  }
}

/** Reads one input as the runner passed it; returns '' when unset. */
export type InputReader = (name: string) => string;

/** The password part of a URL (redis://user:PASSWORD@host), decoded, or '' when none. */
export function urlPassword(raw: string): string {
  try {
    return decodeURIComponent(new URL(raw.trim()).password);
  } catch {
    return '';
  }
}

/** Strips what people paste around a token: whitespace, newlines, a `Bearer ` prefix. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^bearer(\s+|$)/i, '');
}

export function parseSettings(read: InputReader): Settings {
  const { url, database } = parseUrl(read('url'));
  return {
    url,
    database,
    token: parseToken(read('token')),
    mode: parseMode(read('mode')),
    keyPrefix: parseKeyPrefix(read('key-prefix')),
    timeoutMs: parseTimeout(read('timeout-seconds')),
    maxAttempts: parseMaxAttempts(read('max-attempts')),
    maxAgeHours: parseMaxAge(read('max-age-hours')),
  };
}

function parseUrl(raw: string): { url: string; database: string } {
  const value = raw.trim();
  if (value === '') {
    throw new InputError(
      'url',
      'is required: the REST URL of the database, such as https://<name>.upstash.io (Upstash console → your database → REST API → UPSTASH_REDIS_REST_URL).',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}(:\d+)?(\/\S*)?$/i.test(value)
      ? ' It has no scheme: put https:// in front of it.'
      : '';
    throw new InputError(
      'url',
      `is not a valid URL: expected the REST URL of the database, such as https://<name>.upstash.io.${hint}`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    const hint =
      parsed.protocol === 'redis:' || parsed.protocol === 'rediss:'
        ? ' redis:// and rediss:// (TCP) URLs are not supported yet: use the REST URL and REST token from the Upstash console.'
        : '';
    throw new InputError(
      'url',
      `must start with https:// (or http:// for a local endpoint); got a ${parsed.protocol}// URL.${hint}`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new InputError(
      'url',
      'must not contain credentials (user:password@): put the REST token in the `token` input instead.',
    );
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new InputError(
      'url',
      'must not contain a query string or fragment: use the plain REST URL, such as https://<name>.upstash.io, and pass the token in `token`.',
    );
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  return { url: `${parsed.origin}${path}`, database: parsed.host };
}

function parseToken(raw: string): string {
  const token = cleanToken(raw);
  if (token === '') {
    throw new InputError(
      'token',
      'is required: the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), passed from a secret such as ${{ secrets.UPSTASH_REDIS_REST_TOKEN }}.',
    );
  }
  if (/\s/.test(token)) {
    throw new InputError(
      'token',
      'contains whitespace or a line break inside it: paste the REST token as one line, exactly as the Upstash console shows it.',
    );
  }
  return token;
}

function parseMode(raw: string): Mode {
  const value = raw.trim().toLowerCase();
  if (value === '') return DEFAULTS.mode;
  const mode = MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new InputError('mode', `must be one of ${MODES.join(', ')}; got '${raw.trim()}'.`);
  }
  return mode;
}

function parseKeyPrefix(raw: string): string {
  const value = raw.trim();
  if (value === '') return DEFAULTS.keyPrefix;
  if (/\s/.test(value)) {
    throw new InputError('key-prefix', 'must not contain whitespace.');
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
    throw new InputError(input, `must be ${accepted}; got '${value}'.`);
  }
  return n;
}

function parseTimeout(raw: string): number {
  const accepted = `a number of seconds greater than 0 and at most ${LIMITS.timeoutSeconds}`;
  const seconds = parseNumber('timeout-seconds', raw, accepted) ?? DEFAULTS.timeoutSeconds;
  if (seconds <= 0 || seconds > LIMITS.timeoutSeconds) {
    throw new InputError('timeout-seconds', `must be ${accepted}; got '${raw.trim()}'.`);
  }
  return Math.round(seconds * 1000);
}

function parseMaxAttempts(raw: string): number {
  const accepted = `a whole number from 1 to ${LIMITS.maxAttempts}`;
  const n = parseNumber('max-attempts', raw, accepted) ?? DEFAULTS.maxAttempts;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.maxAttempts) {
    throw new InputError('max-attempts', `must be ${accepted}; got '${raw.trim()}'.`);
  }
  return n;
}

function parseMaxAge(raw: string): number | undefined {
  const accepted = 'a number of hours greater than 0, or empty for no limit';
  const hours = parseNumber('max-age-hours', raw, accepted);
  if (hours !== undefined && hours <= 0) {
    throw new InputError('max-age-hours', `must be ${accepted}; got '${raw.trim()}'.`);
  }
  return hours;
}
