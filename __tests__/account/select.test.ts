// How an endpoint becomes a URL, and which names a glob selects.

import { describe, expect, it } from 'vitest';
import { matcher } from '../../src/account/glob.ts';
import { restUrl } from '../../src/account/select.ts';

describe('an endpoint (a host, no scheme) as a REST URL', () => {
  it('is https:// + endpoint; an IP address of this machine, a local stand-in, is http://', () => {
    expect(restUrl('relaxed-puma-43216.upstash.io')).toBe('https://relaxed-puma-43216.upstash.io');
    expect(restUrl('localhost:8443')).toBe('https://localhost:8443');
    expect(restUrl('LOCALHOST')).toBe('https://LOCALHOST');
    expect(restUrl('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(restUrl('127.0.3.232:8080')).toBe('http://127.0.3.232:8080');
    expect(restUrl('127.0.0.999:8080')).toBe('https://127.0.0.999:8080');
    expect(restUrl('10.0.0.5')).toBe('https://10.0.0.5');
  });
});

describe('databases-matching', () => {
  it('* is any run of characters, ? one character, the whole name, case-sensitive', () => {
    const match = matcher(['prod-*', 'cache-??', 'exact']);
    const names = [
      'prod-eu',
      'prod-',
      'Prod-eu',
      'cache-01',
      'cache-1',
      'cache-001',
      'exact',
      'exactly',
    ];
    expect(names.filter(match)).toEqual(['prod-eu', 'prod-', 'cache-01', 'exact']);
    expect(
      ['a.b', 'a+b', '(a)', 'a[1]', 'émoji-😀'].filter(matcher(['a.b', '(a)', 'a[1]', '*-?'])),
    ).toEqual(['a.b', '(a)', 'a[1]', 'émoji-😀']);
  });

  it('takes linear time where a regular expression would backtrack for ever', () => {
    const started = performance.now();
    expect(matcher([`${'*a'.repeat(50)}*b`])('a'.repeat(200))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
