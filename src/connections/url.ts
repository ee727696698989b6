// One URL read: https:// for REST (http:// only to this machine), rediss:// and redis:// for TCP
// (redis:// with a password only to this machine);
// its token or password checked for what no real one holds, before anything is sent.

import { InputError } from '../input-error.js';
import { MIN_SECRET_LENGTH } from '../secrets.js';
import { secretFrom, setting, Setting } from '../wording.js';
import type { Connection, RestConnection, TcpConnection } from './types.js';

export interface UrlContext {
  token: string;
  /** Where the URL came from, for the report. */
  source: string;
  /** The URL's name at the start of a refusal. */
  subject: string;
  tokenSource: string;
  /** The token's name at the start of a refusal. */
  tokenSubject: string;
  /** What to change when the URL is refused, and when the token is (a variable, not an input). */
  urlFix?: string | undefined;
  tokenFix?: string | undefined;
  /** The variable that would have held the token, for a missing-token message. */
  tokenVariable?: string | undefined;
}

export function fromUrl(value: string, context: UrlContext): Connection {
  const fail = (message: string) => new InputError('url', message, context.subject, context.urlFix);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    const hint = /^[\w.-]+\.[a-z]{2,}(:\d+)?(\/\S*)?$/i.test(value)
      ? ' It has no scheme: put https:// in front of it.'
      : '';
    throw fail(
      `is not a valid URL: expected the REST URL of the database, such as https://<name>.upstash.io, or a redis:// or rediss:// URL.${hint}`,
    );
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw fail(
      'must not contain a query string or fragment: use the plain URL as the Upstash console shows it, and pass the token or password separately.',
    );
  }
  switch (parsed.protocol) {
    case 'https:':
    case 'http:':
      return restConnection(parsed, context, fail);
    case 'redis:':
    case 'rediss:':
      return tcpConnection(parsed, context, fail);
    default:
      // The scheme is not quoted: a URL pasted without one may begin with its password.
      throw fail('must start with https:// (the REST URL), or redis:// or rediss:// (TCP).');
  }
}

/** One octet of a dotted IPv4 address, 0 to 255, without a leading zero (read as octal by some). */
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LOOPBACK_V4 = new RegExp(`^127\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * Whether a host is this machine: plain http:// is accepted only there (a local endpoint). Only
 * a true 127.0.0.0/8 address: for redis:// the URL parser keeps `127.0.0.999` as a name, which a
 * resolver may send anywhere.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || LOOPBACK_V4.test(host);
}

function restConnection(
  parsed: URL,
  context: UrlContext,
  fail: (message: string) => InputError,
): RestConnection {
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw fail(
      'must start with https://: over http:// the token would cross the network in clear. Plain http:// is accepted only for a local endpoint (localhost, 127.0.0.1, [::1]).',
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw fail(
      `must not contain credentials (user:password@): put the REST token in ${setting('token')} instead.`,
    );
  }
  const { token } = context;
  if (token === '') {
    const orVariable = context.tokenVariable ? ` (or set ${context.tokenVariable})` : '';
    throw new InputError(
      'token',
      `is required${orVariable}: the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), ${secretFrom('UPSTASH_REDIS_REST_TOKEN')}.`,
      context.tokenVariable ? Setting('token') : context.tokenSubject,
      // The URL came from a variable: its token goes in the variable paired with it.
      context.tokenVariable
        ? `set ${context.tokenVariable} (the REST token, beside ${context.source}), or give ${setting('token')}.`
        : context.tokenFix,
    );
  }
  checkSecret(token, 'token', context, 'REST token');
  const path = parsed.pathname.replace(/\/+$/, '');
  return {
    kind: 'rest',
    url: `${parsed.origin}${path}`,
    token,
    database: parsed.host,
    source: context.source,
    tokenSource: context.tokenSource,
  };
}

function tcpConnection(
  parsed: URL,
  context: UrlContext,
  fail: (message: string) => InputError,
): TcpConnection {
  if (parsed.hostname === '')
    throw fail('has no host: expected rediss://default:PASSWORD@host:6379.');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbPath = parsed.pathname.replace(/^\/+|\/+$/g, '');
  if (dbPath !== '' && !/^\d{1,5}$/.test(dbPath)) {
    throw fail(`has a path that is not a database number (/0, /1, …).`);
  }
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw fail(
        `has a ${what} with a % that does not start an escape (%XX): write a % itself as %25.`,
      );
    }
  };
  const inUrl = decode(parsed.password, 'password');
  const username = decode(parsed.username, 'user name');
  const password = inUrl || context.token || undefined;
  if (password !== undefined) {
    const from = inUrl ? { ...context, tokenSource: 'the URL' } : context;
    checkSecret(password, inUrl ? 'url' : 'token', from, 'password');
  }
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  // The same rule as http:// for a REST token: a password does not cross the network in clear.
  if (password !== undefined && parsed.protocol === 'redis:' && !isLoopback(hostname)) {
    throw fail(
      'must start with rediss:// (TLS) when a password goes with it: over redis:// the password would cross the network in clear (the TCP endpoints of Upstash require TLS anyway). Plain redis:// with a password is accepted only for a local server (localhost, 127.0.0.1, [::1]).',
    );
  }
  return {
    kind: 'tcp',
    host: hostname,
    port,
    tls: parsed.protocol === 'rediss:',
    username: username || undefined,
    password,
    db: dbPath === '' ? 0 : Number(dbPath),
    database: `${parsed.hostname}:${port}${dbPath !== '' && dbPath !== '0' ? `/${dbPath}` : ''}`,
    source: context.source,
    tokenSource: inUrl ? 'the URL' : context.tokenSource,
  };
}

/** Characters no token or password holds: control, invisible and format characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u2000-\u200a\u3000]/u;

function checkSecret(secret: string, input: string, context: UrlContext, what: string): void {
  const subject = input === 'url' ? context.subject : context.tokenSubject;
  const fix = input === 'url' ? context.urlFix : context.tokenFix;
  if (/\s/.test(secret)) {
    throw new InputError(
      input,
      `contains whitespace or a line break inside the ${what}: paste it as one line, exactly as the Upstash console shows it.`,
      subject,
      fix,
    );
  }
  // A REST token goes into an HTTP header: printable ASCII only. A password may be any text,
  // but not a character that cannot be seen (a copy-paste accident, never part of a password).
  const odd = what === 'REST token' ? /[^\x21-\x7e]/.exec(secret) : INVISIBLE.exec(secret);
  if (odd) {
    const code = `U+${(odd[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(
      input,
      `holds a ${what} with the character ${code}, which no ${what} contains (often an invisible character picked up when copying): paste it again, exactly as the Upstash console shows it.`,
      subject,
      fix,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new InputError(
      input,
      `holds a ${what} of ${secret.length} character${secret.length === 1 ? '' : 's'}: too short to be one (at least ${MIN_SECRET_LENGTH}). Pass the whole ${what} from a secret; an Upstash REST token has about 60 characters.`,
      subject,
      fix,
    );
  }
}
