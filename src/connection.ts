// Where the database is and how to authenticate: from the `url` and `token` inputs, or, when
// `url` is empty, from the environment variables people already keep their credentials in.
// Pure: it reads the values it is given and never touches the network.

import { KeepaliveError } from './errors.js';
import { changeSetting, Setting, setting, settingIsEmpty } from './wording.js';

export type Connection = RestConnection | TcpConnection;

export interface RestConnection {
  kind: 'rest';
  /** REST base URL, without trailing slash. */
  url: string;
  /** REST token, without any `Bearer ` prefix. */
  token: string;
  /** host[:port]: safe to print. */
  database: string;
  /** Where the URL came from: "input 'url'" or the name of an environment variable. */
  source: string;
  /** Where the token came from, for messages about it: "input 'token'", a variable's name. */
  tokenSource: string;
}

export interface TcpConnection {
  kind: 'tcp';
  host: string;
  port: number;
  tls: boolean;
  username: string | undefined;
  password: string | undefined;
  db: number;
  database: string;
  source: string;
  /** Where the password came from: the URL, "input 'token'", … */
  tokenSource: string;
}

/** Environment fallbacks, in the order they are tried when input `url` is empty. */
export const ENV_FALLBACKS: readonly { url: string; token?: string }[] = [
  { url: 'UPSTASH_REDIS_REST_URL', token: 'UPSTASH_REDIS_REST_TOKEN' },
  { url: 'KV_REST_API_URL', token: 'KV_REST_API_TOKEN' },
  { url: 'UPSTASH_REDIS_URL' },
  { url: 'REDIS_URL' },
  { url: 'VALKEY_URL' },
];

/** A value of one input that cannot be used. Never retried: the workflow file must change. */
export class InputError extends KeepaliveError {
  readonly input: string;
  constructor(
    input: string,
    message: string,
    subject = Setting(input),
    fix = changeSetting(input),
  ) {
    super('input', `${subject} ${message}`, fix);
    this.input = input;
  }
}

/**
 * Shortest token or password accepted. A real one is far longer (an Upstash REST token has about
 * 60 characters); a shorter value is a mistake, and masking it would garble ordinary words.
 */
export const MIN_SECRET_LENGTH = 8;

/** Strips what people paste around a token: whitespace, newlines, a `Bearer ` prefix. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^bearer(\s+|$)/i, '');
}

/** The password part of a URL (redis://user:PASSWORD@host), decoded, or '' when none. */
export function urlPassword(raw: string): string {
  try {
    const { password } = new URL(raw.trim());
    try {
      return decodeURIComponent(password);
    } catch {
      return password; // a bad % escape: refused later, masked as written meanwhile
    }
  } catch {
    return '';
  }
}

/** Every secret the inputs and the fallback variables hold, for masking before anything runs. */
export function secretValues(
  tokenInput: string,
  urlInput: string,
  env: NodeJS.ProcessEnv,
  others: string[] = [],
  databasesJson = '',
): string[] {
  const values = [tokenInput.trim(), cleanToken(tokenInput), urlPassword(urlInput)];
  values.push(...databaseSecrets(databasesJson));
  // Several databases: one token and one URL per line.
  for (const line of tokenInput.split(/\r?\n/)) values.push(line.trim(), cleanToken(line));
  for (const line of urlInput.split(/\r?\n/)) values.push(urlPassword(line));
  values.push(...others.map((value) => value.trim()));
  for (const fallback of ENV_FALLBACKS) {
    values.push(urlPassword(env[fallback.url] ?? ''));
    if (fallback.token) {
      const token = env[fallback.token] ?? '';
      values.push(token.trim(), cleanToken(token));
    }
  }
  const forms = new Set<string>();
  for (const value of values) {
    // Shorter values are refused as tokens before use (MIN_SECRET_LENGTH); never masked.
    if (value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
  }
  return [...forms];
}

/** The tokens and passwords in the databases JSON, as far as it can be read (it is refused later). */
function databaseSecrets(json: string): string[] {
  if (json.trim() === '') return [];
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    return [json.trim()]; // unreadable: the whole value is masked, as the runner does a secret
  }
  if (!Array.isArray(entries)) return [json.trim()];
  return entries.flatMap((entry: unknown) => {
    const { url, token } = (entry ?? {}) as { url?: unknown; token?: unknown };
    const tokenText = typeof token === 'string' ? token : '';
    return [
      tokenText.trim(),
      cleanToken(tokenText),
      urlPassword(typeof url === 'string' ? url : ''),
    ];
  });
}

/** The raw values of `url` and `token`: one entry per line (action) or per option (command). */
export interface ConnectionValues {
  urls: string[];
  tokens: string[];
  /** The tokens came from this environment variable, not from the token setting. */
  tokenVariable?: string | undefined;
  /** The lists come from the entries of the `databases` JSON input. */
  fromDatabases?: boolean;
}

/** One entry per line of a multi-line input. */
export function lines(raw: string): string[] {
  return raw.split(/\r?\n/);
}

/** How the refusals of one list name its entries: lines of url/token, or databases entries. */
function namesFor(values: ConnectionValues) {
  if (values.fromDatabases) {
    const entry = (n: number) => `${setting('databases')} entry ${n}`;
    return {
      input: 'databases',
      url: entry,
      urlSubject: (n: number) => `${Setting('databases')} entry ${n}`,
      token: (n: number) => `the token of ${entry(n)}`,
      tokenSubject: (n: number) => `The token of ${entry(n)}`,
    };
  }
  return {
    input: 'url',
    url: (n: number) => setting('url', n),
    urlSubject: (n: number) => Setting('url', n),
    token: (n: number) => setting('token', n),
    tokenSubject: (n: number) => Setting('token', n),
  };
}

/**
 * One connection per entry of `urls`, paired with the same entry of `tokens` (a TCP URL's token
 * may be empty or missing). With no URL, one connection from the environment. No cap: a fleet
 * of any size is kept alive, `concurrency` at a time.
 */
export function parseConnections(values: ConnectionValues, env: NodeJS.ProcessEnv): Connection[] {
  const urls = values.urls.map((line) => line.trim());
  while (urls.length > 0 && urls[0] === '' && !values.fromDatabases) urls.shift();
  while (urls.length > 0 && urls.at(-1) === '' && !values.fromDatabases) urls.pop();
  if (urls.length <= 1 && !values.fromDatabases) {
    return [parseConnection(urls[0] ?? '', values.tokens.join('\n'), env, values.tokenVariable)];
  }
  const tokens = [...values.tokens];
  while (tokens.length > 0 && tokens.at(-1)?.trim() === '') tokens.pop();
  if (tokens.length > urls.length) {
    throw new InputError(
      'token',
      `has ${tokens.length} entries but ${setting('url')} has ${urls.length}: give one token per URL, in the same order (an entry may be empty for a URL that carries its password).`,
    );
  }
  const names = namesFor(values);
  const seen = new Map<string, number>();
  return urls.map((url, i) => {
    const n = i + 1;
    if (url === '') {
      throw new InputError(
        names.input,
        'is empty: give one database URL per line, no blank lines between them.',
        names.urlSubject(n),
      );
    }
    const variable = values.tokenVariable;
    const connection = fromUrl(url, {
      token: cleanToken(tokens[i] ?? ''),
      source: names.url(n),
      subject: names.urlSubject(n),
      tokenSource: variable ?? names.token(n),
      tokenSubject: variable ? `Environment variable ${variable}` : names.tokenSubject(n),
      tokenFix: variable
        ? `change the environment variable ${variable}, or give ${setting('token')}.`
        : values.fromDatabases
          ? changeSetting('databases')
          : undefined,
      urlFix: values.fromDatabases ? changeSetting('databases') : undefined,
    });
    const first = seen.get(connection.database);
    if (first !== undefined) {
      throw new InputError(
        names.input,
        `entries ${first} and ${n} name the same database (${connection.database}).`,
      );
    }
    seen.set(connection.database, n);
    return connection;
  });
}

export function parseConnection(
  urlInput: string,
  tokenInput: string,
  env: NodeJS.ProcessEnv,
  tokenVariable?: string,
): Connection {
  const token = cleanToken(tokenInput);
  const url = urlInput.trim();
  if (url !== '') {
    return fromUrl(url, {
      token,
      source: setting('url'),
      subject: Setting('url'),
      tokenSource: tokenVariable ?? setting('token'),
      tokenSubject: tokenVariable ? `Environment variable ${tokenVariable}` : Setting('token'),
      tokenFix: tokenVariable
        ? `change the environment variable ${tokenVariable}, or give ${setting('token')}.`
        : undefined,
    });
  }
  for (const fallback of ENV_FALLBACKS) {
    const value = env[fallback.url]?.trim() ?? '';
    if (value === '') continue;
    // A token given as input or option wins; else the variable paired with this URL variable.
    const fromVariable = token === '' && fallback.token !== undefined;
    return fromUrl(value, {
      token: fromVariable ? cleanToken(env[fallback.token ?? ''] ?? '') : token,
      source: fallback.url,
      subject: `Environment variable ${fallback.url} (used because ${settingIsEmpty('url')})`,
      tokenSource: fromVariable ? (fallback.token ?? '') : setting('token'),
      tokenSubject: fromVariable
        ? `Environment variable ${fallback.token ?? ''}`
        : Setting('token'),
      tokenVariable: fallback.token,
      urlFix: `change the environment variable ${fallback.url}, or give ${setting('url')}.`,
      tokenFix: fromVariable
        ? `change the environment variable ${fallback.token ?? ''}, or give ${setting('token')}.`
        : undefined,
    });
  }
  throw new InputError(
    'url',
    `is required: the REST URL of the database, such as https://<name>.upstash.io (Upstash console → your database → REST API → UPSTASH_REDIS_REST_URL), or a redis:// or rediss:// URL. When it is not given, these environment variables are tried in order, and none is set: ${fallbackNames()}.`,
  );
}

/** The fallback variables, as a list for messages and help. */
export function fallbackNames(): string {
  return ENV_FALLBACKS.map((f) => (f.token ? `${f.url} + ${f.token}` : f.url)).join(', ');
}

interface UrlContext {
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

function fromUrl(value: string, context: UrlContext): Connection {
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

/** Whether a host is this machine: plain http:// is accepted only there (a local endpoint). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
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
      `is required${orVariable}: the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), passed from a secret such as \${{ secrets.UPSTASH_REDIS_REST_TOKEN }}.`,
      context.tokenVariable ? Setting('token') : context.tokenSubject,
      context.tokenVariable ? context.urlFix : context.tokenFix,
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
