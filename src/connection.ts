// Where the database is and how to authenticate: from the `url` and `token` inputs, or, when
// `url` is empty, from the environment variables people already keep their credentials in.
// Pure: it reads the values it is given and never touches the network.

import { KeepaliveError } from './errors.js';

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
  constructor(input: string, message: string, subject = `Input '${input}'`) {
    super('input', `${subject} ${message}`, `change '${input}' in the with: block of this step.`);
    this.input = input;
  }
}

/** Strips what people paste around a token: whitespace, newlines, a `Bearer ` prefix. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^bearer(\s+|$)/i, '');
}

/** The password part of a URL (redis://user:PASSWORD@host), decoded, or '' when none. */
export function urlPassword(raw: string): string {
  try {
    return decodeURIComponent(new URL(raw.trim()).password);
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
): string[] {
  const values = [tokenInput.trim(), cleanToken(tokenInput), urlPassword(urlInput)];
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
    if (value === '') continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
  }
  return [...forms];
}

/** Most databases one step keeps alive; each is a connection made at once. */
export const MAX_DATABASES = 20;

/**
 * One connection per line of `url`, paired with the same line of `token` (a TCP URL's token line
 * may be empty or missing). With `url` empty, one connection from the environment.
 */
export function parseConnections(
  urlInput: string,
  tokenInput: string,
  env: NodeJS.ProcessEnv,
): Connection[] {
  const urls = urlInput.split(/\r?\n/).map((line) => line.trim());
  while (urls.length > 0 && urls[0] === '') urls.shift();
  while (urls.length > 0 && urls.at(-1) === '') urls.pop();
  if (urls.length <= 1) return [parseConnection(urls[0] ?? '', tokenInput, env)];

  const tokens = tokenInput.split(/\r?\n/);
  while (tokens.length > 0 && tokens.at(-1)?.trim() === '') tokens.pop();
  if (urls.length > MAX_DATABASES) {
    throw new InputError(
      'url',
      `lists ${urls.length} databases; at most ${MAX_DATABASES} are kept alive by one step.`,
    );
  }
  if (tokens.length > urls.length) {
    throw new InputError(
      'token',
      `has ${tokens.length} lines but url has ${urls.length}: give one token per URL line, in the same order (a line may be empty for a URL that carries its password).`,
    );
  }
  const seen = new Map<string, number>();
  return urls.map((url, i) => {
    const line = i + 1;
    if (url === '') {
      throw new InputError(
        'url',
        `line ${line} is empty: give one database URL per line, no blank lines between them.`,
      );
    }
    const connection = fromUrl(
      url,
      cleanToken(tokens[i] ?? ''),
      `input 'url' line ${line}`,
      `Input 'url' line ${line}`,
    );
    const first = seen.get(connection.database);
    if (first !== undefined) {
      throw new InputError(
        'url',
        `lines ${first} and ${line} name the same database (${connection.database}).`,
      );
    }
    seen.set(connection.database, line);
    return connection;
  });
}

export function parseConnection(
  urlInput: string,
  tokenInput: string,
  env: NodeJS.ProcessEnv,
): Connection {
  const token = cleanToken(tokenInput);
  const url = urlInput.trim();
  if (url !== '') return fromUrl(url, token, "input 'url'", `Input 'url'`);
  for (const fallback of ENV_FALLBACKS) {
    const value = env[fallback.url]?.trim() ?? '';
    if (value === '') continue;
    const fallbackToken = token || cleanToken(env[fallback.token ?? ''] ?? '');
    const subject = `Environment variable ${fallback.url} (used because input 'url' is empty)`;
    return fromUrl(value, fallbackToken, fallback.url, subject, fallback.token);
  }
  const names = ENV_FALLBACKS.map((f) => (f.token ? `${f.url} + ${f.token}` : f.url)).join(', ');
  throw new InputError(
    'url',
    `is required: the REST URL of the database, such as https://<name>.upstash.io (Upstash console → your database → REST API → UPSTASH_REDIS_REST_URL), or a redis:// or rediss:// URL. When it is empty, these environment variables are tried in order, and none is set: ${names}.`,
  );
}

function fromUrl(
  value: string,
  token: string,
  source: string,
  subject: string,
  tokenVariable?: string,
): Connection {
  const fail = (message: string) => new InputError('url', message, subject);
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
      return restConnection(parsed, token, source, fail, tokenVariable);
    case 'redis:':
    case 'rediss:':
      return tcpConnection(parsed, token, source, fail);
    default:
      throw fail(
        `must start with https:// (the REST URL), or redis:// or rediss:// (TCP); got a ${parsed.protocol}// URL.`,
      );
  }
}

function restConnection(
  parsed: URL,
  token: string,
  source: string,
  fail: (message: string) => InputError,
  tokenVariable: string | undefined,
): RestConnection {
  if (parsed.username !== '' || parsed.password !== '') {
    throw fail(
      'must not contain credentials (user:password@): put the REST token in the `token` input instead.',
    );
  }
  if (token === '') {
    const orVariable = tokenVariable ? ` (or set ${tokenVariable})` : '';
    throw new InputError(
      'token',
      `is required${orVariable}: the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), passed from a secret such as \${{ secrets.UPSTASH_REDIS_REST_TOKEN }}.`,
    );
  }
  checkToken(token);
  const path = parsed.pathname.replace(/\/+$/, '');
  return { kind: 'rest', url: `${parsed.origin}${path}`, token, database: parsed.host, source };
}

function tcpConnection(
  parsed: URL,
  token: string,
  source: string,
  fail: (message: string) => InputError,
): TcpConnection {
  if (parsed.hostname === '')
    throw fail('has no host: expected rediss://default:PASSWORD@host:6379.');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbPath = parsed.pathname.replace(/^\/+|\/+$/g, '');
  if (dbPath !== '' && !/^\d{1,5}$/.test(dbPath)) {
    throw fail(`has a path that is not a database number (/0, /1, …).`);
  }
  const password = decodeURIComponent(parsed.password) || token || undefined;
  if (password !== undefined && password === token) checkToken(token);
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  return {
    kind: 'tcp',
    host: hostname,
    port,
    tls: parsed.protocol === 'rediss:',
    username: decodeURIComponent(parsed.username) || undefined,
    password,
    db: dbPath === '' ? 0 : Number(dbPath),
    database: `${parsed.hostname}:${port}${dbPath !== '' && dbPath !== '0' ? `/${dbPath}` : ''}`,
    source,
  };
}

function checkToken(token: string): void {
  if (/\s/.test(token)) {
    throw new InputError(
      'token',
      'contains whitespace or a line break inside it: paste the token as one line, exactly as the Upstash console shows it.',
    );
  }
}
