import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input-error.ts';
import { parseConnection, type Connection } from '../../src/connections/index.ts';
import { secretValues } from '../../src/secrets.ts';

function refusal(fn: () => Connection): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('TCP URLs', () => {
  it('reads host, port, user, password, database number and TLS from the URL', () => {
    expect(
      parseConnection('rediss://default:p%40ssword@eu1-cat.upstash.io:6380/2', '', {}),
    ).toEqual({
      kind: 'tcp',
      host: 'eu1-cat.upstash.io',
      port: 6380,
      tls: true,
      username: 'default',
      password: 'p@ssword',
      db: 2,
      database: 'eu1-cat.upstash.io:6380/2',
      source: "input 'url'",
      tokenSource: 'the URL',
    });
  });

  it('takes the password from input token when the URL has none; port 6379 by default', () => {
    expect(parseConnection('redis://127.0.0.5', ' s3cret-pw ', {})).toMatchObject({
      kind: 'tcp',
      tls: false,
      port: 6379,
      username: undefined,
      password: 's3cret-pw',
      database: '127.0.0.5:6379',
    });
  });

  it('allows a server without a password', () => {
    expect(parseConnection('redis://127.0.0.1:7000', '', {})).toMatchObject({
      password: undefined,
    });
  });

  it('refuses a path that is not a database number, and query strings', () => {
    expect(refusal(() => parseConnection('redis://h:1/abc', '', {})).message).toMatch(
      /Input 'url' has a path that is not a database number/,
    );
    expect(
      refusal(() => parseConnection('rediss://h:1?ssl_cert_reqs=none', '', {})).message,
    ).toMatch(/must not contain a query string/);
  });
});

describe('environment fallbacks when input url is empty', () => {
  const all = {
    UPSTASH_REDIS_REST_URL: 'https://rest.upstash.io',
    UPSTASH_REDIS_REST_TOKEN: 'rest-token-1',
    KV_REST_API_URL: 'https://kv.upstash.io',
    KV_REST_API_TOKEN: 'kv-token-12',
    UPSTASH_REDIS_URL: 'rediss://default:up-password@tcp.upstash.io:6379',
    REDIS_URL: 'rediss://:rp-password@redis.example:6379',
    VALKEY_URL: 'redis://valkey.example:6379',
  };
  const order = Object.keys(all).filter((k) => !k.endsWith('TOKEN'));

  it.each(order.map((name, i) => [name, i] as const))(
    '%s is used when the ones before it are unset',
    (name, i) => {
      const env: Record<string, string> = { ...all };
      for (const earlier of order.slice(0, i)) Reflect.deleteProperty(env, earlier);
      const connection = parseConnection('', '', env);
      expect(connection.source).toBe(name);
      expect(connection.database).toBe(
        new URL(all[name as keyof typeof all]).host.replace(/^([^:]+)$/, '$1'),
      );
    },
  );

  it('pairs each REST URL with its own token variable; input token wins', () => {
    expect(parseConnection('', '', all)).toMatchObject({ kind: 'rest', token: 'rest-token-1' });
    expect(parseConnection('', 'Bearer given-token', all)).toMatchObject({ token: 'given-token' });
    const kv = parseConnection('', '', {
      KV_REST_API_URL: all.KV_REST_API_URL,
      KV_REST_API_TOKEN: 'kv-token-12',
    });
    expect(kv).toMatchObject({ kind: 'rest', token: 'kv-token-12', source: 'KV_REST_API_URL' });
  });

  it('an input url always wins over the environment', () => {
    expect(parseConnection('redis://given:1', '', all)).toMatchObject({
      host: 'given',
      source: "input 'url'",
    });
  });

  it('names the variable in errors about its value', () => {
    const error = refusal(() => parseConnection('', '', { REDIS_URL: 'mysql://x' }));
    expect(error.message).toMatch(
      /^Environment variable REDIS_URL \(used because input 'url' is empty\) must start with https:\/\//,
    );
    const noToken = refusal(() =>
      parseConnection('', '', { UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' }),
    );
    expect(noToken.message).toMatch(
      /Input 'token' is required \(or set UPSTASH_REDIS_REST_TOKEN\)/,
    );
  });

  it('with none set, lists them all', () => {
    expect(refusal(() => parseConnection(' ', '', {})).message).toMatch(
      /none is set: UPSTASH_REDIS_REST_URL \+ UPSTASH_REDIS_REST_TOKEN, KV_REST_API_URL \+ KV_REST_API_TOKEN, UPSTASH_REDIS_URL, REDIS_URL, VALKEY_URL\./,
    );
  });
});

describe('secretValues', () => {
  it('covers the token, URL passwords and fallback variables, plain and URL-encoded', () => {
    const secrets = secretValues(' Bearer tok/en-value ', 'rediss://u:p%40ssword@h:1', {
      UPSTASH_REDIS_REST_TOKEN: 'rest-token=',
      REDIS_URL: 'redis://:envpass-word@h:1',
    });
    for (const s of [
      'Bearer tok/en-value',
      'tok/en-value',
      'tok%2Fen-value',
      'p@ssword',
      'p%40ssword',
      'rest-token=',
      'rest-token%3D',
      'envpass-word',
    ]) {
      expect(secrets).toContain(s);
    }
    expect(secrets).not.toContain('');
  });
});

describe('a refused value from the environment', () => {
  it('names the variable to change, not an input', () => {
    const error = refusal(() => parseConnection('', '', { REDIS_URL: 'mysql://x' }));
    expect(error.fix).toBe("change the environment variable REDIS_URL, or give input 'url'.");
    const token = refusal(() =>
      parseConnection('', '', {
        UPSTASH_REDIS_REST_URL: 'https://x.upstash.io',
        UPSTASH_REDIS_REST_TOKEN: 'short',
      }),
    );
    expect(token.message).toMatch(
      /^Environment variable UPSTASH_REDIS_REST_TOKEN holds a REST token of 5/,
    );
    expect(token.fix).toBe(
      "change the environment variable UPSTASH_REDIS_REST_TOKEN, or give input 'token'.",
    );
  });
});
