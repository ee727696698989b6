// Every bad input is refused before any request, through the whole action in process; what
// people paste around good values is tolerated.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

const refused: [string, () => Inputs, RegExp][] = [
  [
    'unknown mode',
    () => full({ mode: 'flushall' }),
    /Input 'mode' must be one of ping, maintenance, status/,
  ],
  ['empty url', () => full({ url: '' }), /Input 'url' is required/],
  [
    'url that is not http(s)',
    () => full({ url: 'ftp://127.0.0.1:6379' }),
    /Input 'url' must start with https:\/\//,
  ],
  [
    'timeout-seconds non-numeric',
    () => full({ 'timeout-seconds': 'soon' }),
    /Input 'timeout-seconds' must be a number/,
  ],
  [
    'timeout-seconds zero',
    () => full({ 'timeout-seconds': '0' }),
    /Input 'timeout-seconds' must be a number of seconds from 0.1 to 300/,
  ],
  ['timeout-seconds negative', () => full({ 'timeout-seconds': '-1' }), /Input 'timeout-seconds'/],
  [
    'max-attempts non-integer',
    () => full({ 'max-attempts': '1.5' }),
    /Input 'max-attempts' must be a whole number from 1 to 10/,
  ],
  [
    'max-attempts below 1',
    () => full({ 'max-attempts': '0' }),
    /Input 'max-attempts' must be a whole number from 1 to 10/,
  ],
  [
    'max-attempts absurdly high',
    () => full({ 'max-attempts': '1000000' }),
    /Input 'max-attempts' must be a whole number from 1 to 10/,
  ],
  [
    'key-prefix with whitespace',
    () => full({ 'key-prefix': 'my prefix' }),
    /Input 'key-prefix' must not contain whitespace/,
  ],
  [
    'key-prefix with glob characters',
    () => full({ 'key-prefix': 'app:*' }),
    /Input 'key-prefix' must not contain the glob characters/,
  ],
  [
    'max-age-hours non-numeric',
    () => full({ mode: 'status', 'max-age-hours': 'two days' }),
    /Input 'max-age-hours' must be a number of hours/,
  ],
  ['empty token', () => full({ token: '' }), /Input 'token' is required/],
];

const runAction = runInProcess;

describe('the action', () => {
  it.each(refused)('refuses %s before any request', async (_name, inputs, message) => {
    const run = await runAction(inputs());
    expect(run.exitCode).toBe(1);
    expect(run.outputs.ok).toBe('false');
    expect(run.outputs.error).toMatch(message);
    expect(run.stdout).toMatch(/^::error::Input '/m);
    expect(stack.front.requests).toHaveLength(0);
    expect(leaks(run.everything, stack.front.tokens.full)).toEqual([]);
  });

  it('tolerates whitespace and newlines, a Bearer prefix and a trailing slash', async () => {
    const run = await runAction({
      url: ` ${stack.front.url}/\n`,
      token: `\n  Bearer ${stack.front.tokens.full}  \n`,
      mode: ' Maintenance\n',
      'key-prefix': ' ka \n',
      'timeout-seconds': ' 5 ',
      'max-attempts': '\n2\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      ok: 'true',
      mode: 'maintenance',
      'maintenance-count': '1',
    });
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/multi-exec']);
    expect(leaks(run.everything, stack.front.tokens.full)).toEqual([]);
  });
});
