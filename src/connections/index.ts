// Where each database is and how to authenticate: from the url and token settings (one line,
// or one option, per database), from the databases JSON, or, when none is given, from the
// environment variables people already keep their credentials in. Pure: it reads the values it is
// given and never touches the network, so every bad value is refused before a single request.

import { ENV_FALLBACKS, fallbackNames } from './environment.js';
import { InputError } from '../input-error.js';
import { cleanToken } from '../secrets.js';
import { changeSetting, Setting, setting, settingIsEmpty, unsetSecret } from '../wording.js';
import type { Connection } from './types.js';
import type { Env } from '../env.js';
import { fromUrl } from './url.js';

export type { Connection, RestConnection, TcpConnection } from './types.js';

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
export function parseConnections(values: ConnectionValues, env: Env): Connection[] {
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
  env: Env,
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
    `is required: the REST URL of the database, such as https://<name>.upstash.io (Upstash console → your database → REST API → UPSTASH_REDIS_REST_URL), or a redis:// or rediss:// URL. When it is not given, these environment variables are tried in order, and none is set: ${fallbackNames()}.${unsetSecret()}`,
  );
}
