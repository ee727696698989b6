// The Upstash account's inputs: the key turns the account on (an input, or UPSTASH_API_KEY as
// Upstash's CLI reads it), the other inputs need it, and each refusal names its input.

import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/inputs/index.ts';

const KEY = '3f1c2b9e-7a4d-4c1e-9b2f-8e6d5a4c3b2a';
const parse = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
  parseSettings((name) => inputs[name] ?? '', env);
const refusal = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
  try {
    parse(inputs, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('the account inputs', () => {
  it('off without a key; with one, url is optional and its defaults apply', () => {
    expect(parse({ url: 'https://a.upstash.io', token: 'AXtoken12345' }).account).toBeUndefined();
    const settings = parse({ 'upstash-email': 'me@example.com', 'upstash-api-key': KEY });
    expect(settings.connections).toEqual([]);
    expect(settings.account).toEqual({
      email: 'me@example.com',
      apiKey: KEY,
      matching: ['*'],
      includePaid: false,
      apiUrl: 'https://api.upstash.com',
      minCommands7d: undefined,
    });
  });

  it('reads UPSTASH_EMAIL and UPSTASH_API_KEY; the fallback variables of url are not tried then', () => {
    const env = {
      UPSTASH_EMAIL: 'me@example.com',
      UPSTASH_API_KEY: KEY,
      UPSTASH_REDIS_REST_URL: 'https://other.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'AXtoken12345',
    };
    const settings = parse(
      { 'databases-matching': 'prod-*\n  cache-?  \n', 'include-paid': 'true' },
      env,
    );
    expect(settings.connections).toEqual([]);
    expect(settings.account).toMatchObject({ matching: ['prod-*', 'cache-?'], includePaid: true });
  });

  it('takes the API URL without a trailing /v2, https:// or a local http://', () => {
    const account = { 'upstash-email': 'me@example.com', 'upstash-api-key': KEY };
    expect(
      parse({ ...account, 'upstash-api-url': 'https://proxy.example.com/upstash/v2/' }).account
        ?.apiUrl,
    ).toBe('https://proxy.example.com/upstash');
    expect(parse({ ...account, 'upstash-api-url': 'http://127.0.0.1:8080' }).account?.apiUrl).toBe(
      'http://127.0.0.1:8080',
    );
    expect(refusal({ ...account, 'upstash-api-url': 'http://api.upstash.com' })).toMatch(
      /^Input 'upstash-api-url' must be an https:\/\/ URL without credentials/,
    );
    expect(refusal({ ...account, 'upstash-api-url': 'https://u:p@api.upstash.com' })).toMatch(
      /upstash-api-url/,
    );
    expect(refusal({ ...account, 'min-upstash-commands-7d': '-1' })).toMatch(
      /^Input 'min-upstash-commands-7d' must be a whole number from 0 to/,
    );
  });

  it('refuses what cannot be an e-mail or a key, and the account inputs without a key', () => {
    expect(refusal({ 'upstash-api-key': KEY })).toMatch(
      /^Input 'upstash-email' is required with input 'upstash-api-key'.*UPSTASH_EMAIL/,
    );
    expect(refusal({ 'upstash-api-key': KEY, 'upstash-email': 'me:you@example.com' })).toMatch(
      /^Input 'upstash-email' is not an e-mail address/,
    );
    expect(
      refusal({ 'upstash-api-key': 'key with spaces', 'upstash-email': 'me@example.com' }),
    ).toMatch(/^Input 'upstash-api-key' is not a Developer API key/);
    const url = { url: 'https://a.upstash.io', token: 'AXtoken12345' };
    expect(refusal({ ...url, 'upstash-email': 'me@example.com' })).toMatch(
      /^Input 'upstash-email' is given but input 'upstash-api-key' is not/,
    );
    expect(refusal({ ...url, 'include-paid': 'true' })).toMatch(
      /^Input 'include-paid' is given but/,
    );
    // The runner passes every default: those alone do not ask for the account.
    expect(
      parse({ ...url, 'databases-matching': '*', 'include-paid': 'false' }).account,
    ).toBeUndefined();
    expect(
      refusal({
        'upstash-api-key': KEY,
        'upstash-email': 'a@b.c',
        'databases-matching': 'a\u0007',
      }),
    ).toMatch(/^Input 'databases-matching' must be globs on database names/);
  });
});
