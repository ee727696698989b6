// Many secrets found by index: the same rules as the few `redact` tries one by one (a whole
// secret, or a start or end of one cut where the text ends or begins), in time that grows with
// the text and not with their number.

import { describe, expect, it } from 'vitest';
import { SecretIndex } from '../src/secret-index.ts';
import { forgetSecrets, redact, rememberMany, rememberSecrets } from '../src/secrets.ts';

const token = (i: number) => `AXfullAccountToken${String(i).padStart(5, '0')}qWxEcRvTbYnUmI0pLoKj=`;
const texts = (secret: string) => [
  `before ${secret} after ${secret}`,
  `echoed: ${secret.slice(0, 40)}`,
  `${secret.slice(-30)} was cut at its start`,
  `${secret.slice(0, 11)} too short a part to be taken for it`,
  'nothing secret here, only words and 127.0.0.1:8080',
  secret,
];

describe('an index of many secrets', () => {
  it('redacts as redact does with the same secret remembered one by one', () => {
    const secret = token(7);
    forgetSecrets();
    rememberSecrets([secret]);
    const byOne = texts(secret).map(redact);
    forgetSecrets();
    rememberMany([secret, ...Array.from({ length: 5000 }, (_, i) => token(i + 100))]);
    expect(texts(secret).map(redact)).toEqual(byOne);
    expect(byOne).toEqual([
      'before *** after ***',
      'echoed: ***',
      '*** was cut at its start',
      `${secret.slice(0, 11)} too short a part to be taken for it`,
      'nothing secret here, only words and 127.0.0.1:8080',
      '***',
    ]);
    forgetSecrets();
    expect(redact(secret)).toBe(secret);
  });

  it('takes the longest of the secrets that start alike, and ignores what is too short', () => {
    const index = new SecretIndex(8);
    index.add('AXshort');
    index.add('AXcommonPrefix-1');
    index.add('AXcommonPrefix-1-and-longer');
    expect(index.redact('a AXcommonPrefix-1-and-longer b AXshort')).toBe('a *** b AXshort');
  });

  it('ten thousand secrets: a thousand log lines in far less than a second', () => {
    const index = new SecretIndex(8);
    for (let i = 0; i < 10_000; i++) index.add(token(i));
    const started = performance.now();
    for (let i = 0; i < 1000; i++) index.redact(`127.0.3.${i % 256}:8080: ok, 48 ms, ${token(i)}`);
    expect(performance.now() - started).toBeLessThan(2000); // one by one: about a minute
  });
});
