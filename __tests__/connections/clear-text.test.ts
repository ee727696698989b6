import { expect, it } from 'vitest';
import { InputError } from '../../src/input-error.ts';
import { parseConnection } from '../../src/connections/index.ts';

// redis:// carries the password in clear, like http:// the token: refused across the network.
it('refuses a password over redis:// to another machine, naming the input and rediss://', () => {
  for (const [url, token] of [
    ['redis://default:s3cret-password@eu1-cat.upstash.io:6379', ''],
    ['redis://10.0.0.5', 's3cret-password'],
    // Not addresses of this machine, though they start with 127: for redis:// the URL parser
    // keeps them as names, which a resolver may send anywhere.
    ['redis://127.0.0.999', 's3cret-password'],
    ['redis://127.0.0.256:6379', 's3cret-password'],
    ['redis://127.0.0.01', 's3cret-password'],
    ['redis://127.0.0.1.example.com', 's3cret-password'],
  ] as const) {
    let error: unknown;
    try {
      parseConnection(url, token, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain("'url'");
    expect(message).toContain('rediss://');
    expect(message).not.toContain('s3cret-password');
  }
});

it('accepts redis:// with a password on this machine, and without one anywhere', () => {
  expect(parseConnection('redis://:s3cret-password@127.0.0.1:6390', '', {})).toMatchObject({
    tls: false,
    password: 's3cret-password',
  });
  expect(parseConnection('redis://10.0.0.5:6379', '', {})).toMatchObject({
    tls: false,
    password: undefined,
  });
  expect(parseConnection('rediss://10.0.0.5', 's3cret-password', {})).toMatchObject({ tls: true });
  expect(parseConnection('redis://127.255.0.254', 's3cret-password', {})).toMatchObject({
    tls: false,
  });
  expect(parseConnection('redis://[::1]:6390', 's3cret-password', {})).toMatchObject({
    tls: false,
  });
});
