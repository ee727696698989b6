// The Upstash account's inputs: the Developer API's credentials (the key turns the account on),
// which of its databases to keep alive, where the API is, and what status asks of Upstash's own
// counts. Also read from UPSTASH_EMAIL and UPSTASH_API_KEY, the names Upstash's own CLI reads.

import { isLoopback } from '../connections/url.js';
import { InputError } from '../input-error.js';
import { outside, printable } from '../safe-text.js';
import { setting } from '../wording.js';
import { DEFAULTS, LIMITS, type InputReader } from './limits.js';
import { parseBoolean, parseWhole } from './values.js';

export interface AccountSettings {
  email: string;
  apiKey: string;
  /** databases-matching: globs on database names, one per line; a name matching one is kept. */
  matching: string[];
  includePaid: boolean;
  /** The Developer API's origin and path, without the trailing /v2. */
  apiUrl: string;
  /** status fails under this many commands counted by Upstash over 7 days; undefined: off. */
  minCommands7d: number | undefined;
}

const ACCOUNT_ONLY = ['databases-matching', 'include-paid', 'min-upstash-commands-7d'];

/** The account's settings when a key is given (input or UPSTASH_API_KEY); undefined when not. */
export function parseAccount(
  read: InputReader,
  env: NodeJS.ProcessEnv,
): AccountSettings | undefined {
  // Every input is read, given or not: the names read are the inputs action.yml declares.
  const raw = Object.fromEntries(
    ['upstash-api-key', 'upstash-email', 'upstash-api-url', ...ACCOUNT_ONLY].map((n) => [
      n,
      read(n),
    ]),
  ) as Record<string, string>;
  const apiKey = raw['upstash-api-key']?.trim() || (env.UPSTASH_API_KEY?.trim() ?? '');
  const emailInput = raw['upstash-email']?.trim() ?? '';
  if (apiKey === '') {
    if (emailInput !== '') throw needsKey('upstash-email');
    // The runner passes every default: only a value other than the default asks for the account.
    const given = ACCOUNT_ONLY.find((name) => !isDefault(name, raw[name] ?? ''));
    if (given !== undefined) throw needsKey(given);
    return undefined;
  }
  checkKey(apiKey);
  return {
    email: parseEmail(emailInput || (env.UPSTASH_EMAIL?.trim() ?? '')),
    apiKey,
    matching: parseGlobs(raw['databases-matching'] ?? ''),
    includePaid: parseBoolean('include-paid', raw['include-paid'] ?? '', false),
    apiUrl: parseApiUrl(raw['upstash-api-url'] ?? ''),
    minCommands7d: parseWhole(
      'min-upstash-commands-7d',
      raw['min-upstash-commands-7d'] ?? '',
      0,
      LIMITS.minUpstashCommands,
    ),
  };
}

function isDefault(name: string, raw: string): boolean {
  const value = raw.trim();
  if (name === 'databases-matching') return value === '' || value === DEFAULTS.databasesMatching;
  if (name === 'include-paid') return value === '' || value.toLowerCase() === 'false';
  return value === '';
}

function needsKey(name: string): InputError {
  return new InputError(
    name,
    `is given but ${setting('upstash-api-key')} is not: the account's databases are read with the Developer API's key (or set UPSTASH_API_KEY).`,
  );
}

/** An API key goes into a header: printable ASCII, one line. Upstash's keys are UUIDs. */
function checkKey(key: string): void {
  if (/[^\x21-\x7e]/.test(key) || key.length < 8 || key.length > 500) {
    throw new InputError(
      'upstash-api-key',
      'is not a Developer API key: paste the key of the Upstash console → Account → Management API, whole and on one line.',
    );
  }
}

function parseEmail(email: string): string {
  if (email === '') {
    throw new InputError(
      'upstash-email',
      `is required with ${setting('upstash-api-key')}: the e-mail of the Upstash account the key belongs to (or set UPSTASH_EMAIL).`,
    );
  }
  // HTTP Basic: the user part may not hold a colon (RFC 7617).
  if (email.length > 254 || !/^[^\s:@]+@[^\s:@]+$/.test(email) || printable(email) !== email) {
    throw new InputError(
      'upstash-email',
      'is not an e-mail address: give the e-mail of the Upstash account, such as you@example.com.',
    );
  }
  return email;
}

function parseGlobs(raw: string): string[] {
  const globs = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (globs.length === 0) return [DEFAULTS.databasesMatching];
  const bad = globs.find((g) => g.length > 200 || printable(g) !== g);
  if (bad !== undefined || globs.length > 100) {
    throw new InputError(
      'databases-matching',
      `must be globs on database names, one per line (at most 100, each at most 200 printable characters); got '${outside(bad ?? `${globs.length} lines`, 100)}'.`,
    );
  }
  return globs;
}

function parseApiUrl(raw: string): string {
  const value = raw.trim() || DEFAULTS.upstashApiUrl;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      'upstash-api-url',
      `is not a valid URL: expected ${DEFAULTS.upstashApiUrl}.`,
    );
  }
  const plain = url.protocol === 'http:' && isLoopback(url.hostname);
  const bare = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  if ((url.protocol !== 'https:' && !plain) || !bare) {
    throw new InputError(
      'upstash-api-url',
      `must be an https:// URL without credentials, query or fragment, such as ${DEFAULTS.upstashApiUrl} (plain http:// only for a local stand-in): the API key travels to it.`,
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '').replace(/\/v2$/, '');
}
