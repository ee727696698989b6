// The library's options become the same Settings the action's inputs become: each option is read
// as the input of the same name (keyPrefix is input key-prefix), so the rules, defaults and
// refusals are the action's. Only REST: the library runs where sockets may not exist.

import type { Settings } from '../inputs/index.js';
import { parseSettings } from '../inputs/index.js';
import { InputError } from '../input-error.js';
import type { Env } from '../env.js';
import { outside } from '../safe-text.js';
import { holdSecrets, secretValues } from '../secrets.js';
import { optionName } from '../wording.js';

/** What keepAlive() and createHandler() take; every field may be left out. */
export interface KeepAliveOptions {
  /** maintenance (the default: a verified write), ping, or status (reads only). */
  mode?: 'maintenance' | 'ping' | 'status';
  /** REST URL of the database, or one per database; else UPSTASH_REDIS_REST_URL, KV_REST_API_URL. */
  url?: string | string[];
  /** REST token, one per URL in the same order; else UPSTASH_REDIS_REST_TOKEN, KV_REST_API_TOKEN. */
  token?: string | string[];
  /** Several databases at once, instead of url and token. */
  databases?: { url: string; token: string }[];
  /**
   * Where the variables are read: a Worker's `env`; by default process.env where it exists.
   * `object`: an interface such as the Env `wrangler types` writes has no index signature.
   */
  env?: object;
  keyPrefix?: string;
  timeoutSeconds?: number;
  maxAttempts?: number;
  maxAgeHours?: number;
  historySize?: number;
  maxMissedRuns?: number;
  concurrency?: number;
  failOn?: 'any' | 'all';
}

/** The action's inputs the library has, by their input names. */
const INPUTS = [
  'mode',
  'url',
  'token',
  'databases',
  'key-prefix',
  'timeout-seconds',
  'max-attempts',
  'max-age-hours',
  'history-size',
  'max-missed-runs',
  'concurrency',
  'fail-on',
] as const;
const NAMES = new Set<string>([...INPUTS.map(optionName), 'env']);

/** The REST variables, the only ones the library reads: Upstash's own, then Vercel KV's. */
const REST_VARIABLES = [
  'UPSTASH_REDIS_REST_URL',
  'UPSTASH_REDIS_REST_TOKEN',
  'KV_REST_API_URL',
  'KV_REST_API_TOKEN',
] as const;

/** The variables given, or process.env where the platform has one; strings only. */
export function environment(given: object | undefined): Env {
  const source: object = given ?? (globalThis as { process?: { env?: object } }).process?.env ?? {};
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string') env[name] = value;
  }
  return env;
}

/** One option as the input of its name: a list as lines, a number as its text. */
function asInput(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (name === 'databases') {
    try {
      return JSON.stringify(value);
    } catch {
      // A cycle or a BigInt: not the array of {url, token} objects it must be.
      throw new InputError(name, 'must be an array of {url, token} objects, as JSON holds them.');
    }
  }
  if (Array.isArray(value) && (name === 'url' || name === 'token')) {
    return value.map((v) => (typeof v === 'string' ? v : '')).join('\n');
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const list = name === 'url' || name === 'token' ? ' or an array of strings' : ' or a number';
  throw new InputError(name, `must be a string${list}.`);
}

/** The options as the inputs they stand for, each read once (a getter runs once, or is named). */
function inputsOf(options: unknown): Map<string, string> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InputError('options', 'must be an object.', 'The options of keepAlive()');
  }
  const unknown = Object.keys(options).filter((name) => !NAMES.has(name));
  if (unknown.length > 0) {
    throw new InputError(
      'options',
      `${outside(unknown.join(', '), 200)}: not an option of keepAlive().`,
      `Option`,
      `use only ${[...NAMES].join(', ')}.`,
    );
  }
  const inputs = new Map<string, string>();
  for (const name of INPUTS) {
    let value: unknown;
    try {
      value = (options as Record<string, unknown>)[optionName(name)];
    } catch {
      throw new InputError(name, 'could not be read (its getter threw).');
    }
    inputs.set(name, asInput(name, value));
  }
  return inputs;
}

/**
 * The settings of one call, its variables read from `all` (see environment()), and the release
 * of the secrets it holds until it ends; throws an InputError (kind 'input', with its fix) when
 * refused, before any request.
 */
export function settingsOf(
  options: KeepAliveOptions,
  all: Env,
  mode?: Settings['mode'],
): { settings: Settings; release: () => void } {
  const inputs = inputsOf(options);
  const env = Object.fromEntries(REST_VARIABLES.map((name) => [name, all[name]]));
  const read = (name: string) => (name === 'mode' && mode ? mode : (inputs.get(name) ?? ''));
  const release = holdSecrets(secretValues(read('token'), read('url'), env, [], read('databases')));
  try {
    return { settings: checkedSettings(read, env), release };
  } catch (error) {
    release();
    throw error;
  }
}

/** A redis:// or rediss:// URL, refused before its other checks: the library speaks REST only. */
function refuseTcp(read: (name: string) => string, env: Env): void {
  const sources: [string, string][] = [
    ['option url', read('url')],
    ['option databases', read('databases')],
    ['UPSTASH_REDIS_REST_URL', env.UPSTASH_REDIS_REST_URL ?? ''],
    ['KV_REST_API_URL', env.KV_REST_API_URL ?? ''],
  ];
  const tcp = sources.find(([, value]) => /(^|[\s"])rediss?:\/\//i.test(value));
  if (!tcp) return;
  throw new InputError(
    'url',
    `holds a redis:// or rediss:// URL (in ${tcp[0]}): the library and the route speak REST only.`,
    'A database URL',
    'give the REST URL of the database (https://<name>.upstash.io) and its REST token, as the Upstash console shows them (your database → REST API).',
  );
}

function checkedSettings(read: (name: string) => string, env: Env): Settings {
  refuseTcp(read, env);
  if (
    read('url').trim() === '' &&
    read('databases') === '' &&
    !env.UPSTASH_REDIS_REST_URL?.trim() &&
    !env.KV_REST_API_URL?.trim()
  ) {
    throw new InputError(
      'url',
      'is not given, and neither UPSTASH_REDIS_REST_URL nor KV_REST_API_URL is set: the REST URL of the database is needed (Upstash console → your database → REST API).',
      undefined,
      'set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (as Redis.fromEnv() reads them), or give url and token.',
    );
  }
  const settings = parseSettings(read, env);
  return settings;
}
