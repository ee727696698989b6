// The account's databases as the Developer API lists them (GET /v2/redis/databases), checked one
// field at a time: the answer comes from outside, so each field is bounded and checked before use.
// A token that is not one (a line break, `::`, 100 KB) is never used, kept or printed: only why
// it was refused is. The password (of the redis:// connection) is not kept at all.

import { KeepaliveError } from '../errors.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';
import type { AnswerLimits } from './api.js';

export interface AccountDatabase {
  id: string;
  /** As listed (what databases-matching reads); printed only through `outside`. */
  name: string;
  /** host or host:port, checked; undefined when the entry has none that can be used. */
  endpoint: string | undefined;
  free: boolean;
  type: string;
  state: string;
  region: string;
  /** A token, or why there is none that can be used. */
  restToken: Token;
  readOnlyToken: Token;
}

export type Token = { value: string } | { problem: string };

/**
 * The list answer: Upstash documents no pagination, so it is one answer, read whole up to these
 * bounds (about 40,000 databases of Upstash-sized entries); a larger one is refused unread.
 */
export const LIST_LIMITS: AnswerLimits = { maxBytes: 16 * 2 ** 20, maxElements: 1_000_000 };

/** database_id goes into a request's path: letters, digits, - and _ only. */
const ID = /^[\w-]{1,100}$/;
/** An endpoint is a host name or an IPv4 address, with a port only for a local stand-in. */
const ENDPOINT = /^[a-z\d](?:[a-z\d.-]{0,251}[a-z\d])?(?::\d{1,5})?$/i;
/** What Upstash's tokens are made of: base64 (or base64url), nothing else. */
const TOKEN = /^[\w+/=.-]+$/;
const MAX_TOKEN = 1_000;

/** The entries that can be read; the others are counted. */
export function readDatabases(
  body: unknown,
  host: string,
): {
  databases: AccountDatabase[];
  unreadable: number;
} {
  if (!Array.isArray(body)) {
    throw new KeepaliveError(
      'protocol',
      `The answer of ${host} to the list of Redis databases is not a list: not the Developer API's answer.`,
      `${setting('upstash-api-url')} must be the Developer API, https://api.upstash.com.`,
    );
  }
  const databases: AccountDatabase[] = [];
  for (const entry of body as unknown[]) {
    const database = readEntry(entry);
    if (database) databases.push(database);
  }
  return { databases, unreadable: body.length - databases.length };
}

function readEntry(entry: unknown): AccountDatabase | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const field = (name: string): unknown => (entry as Record<string, unknown>)[name];
  const id = field('database_id');
  const name = field('database_name');
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  if (typeof name !== 'string' || name === '' || name.length > 200) return undefined;
  const endpoint = field('endpoint');
  const type = short(field('type'));
  return {
    id,
    name,
    endpoint: typeof endpoint === 'string' && ENDPOINT.test(endpoint) ? endpoint : undefined,
    free: type === 'free',
    type,
    state: short(field('state')),
    region: short(field('region')),
    restToken: token(field('rest_token')),
    readOnlyToken: token(field('read_only_rest_token')),
  };
}

/** A short word of the answer (type, state, region), made printable and cut. */
function short(value: unknown): string {
  return typeof value === 'string' ? outside(value, 40) : '';
}

function token(value: unknown): Token {
  if (value === undefined || value === null || value === '') return { problem: 'none was given' };
  if (typeof value !== 'string') return { problem: 'it is not a text' };
  if (value.length > MAX_TOKEN) return { problem: `it is ${value.length} characters long` };
  if (!TOKEN.test(value)) return { problem: 'it holds characters no token holds' };
  if (value.length < 8) return { problem: 'it is too short to be one' };
  return { value };
}

/** The name, to print. */
export const shown = (database: AccountDatabase): string => `'${outside(database.name, 100)}'`;
