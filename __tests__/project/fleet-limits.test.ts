// How many databases one step can take: inputs reach the action as environment variables, and
// Linux refuses to start a program when one of them ("NAME=value" and its NUL) is over 128 KiB
// (MAX_ARG_STRLEN, 32 pages); GitHub caps a secret at 48 KB. Measured here, with Upstash-shaped
// URLs and tokens, and held against what docs/several-databases.md says.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';

// A REST URL as Upstash names them (37 characters); REST tokens of today's length (62), and of
// the older, longer kind (100).
const url = (i: number) => `https://relaxed-puma-${String(10_000 + i)}.upstash.io`;
const token = (i: number, length: number) => `AX${String(i).padStart(length - 2, '0')}`;
const databases = (length: number) => (n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ url: url(i), token: token(i, length) })));
const tokenLines = (length: number) => (n: number) =>
  Array.from({ length: n }, (_, i) => token(i, length)).join('\n');

/** Whether node starts with this one environment variable (E2BIG otherwise). */
function starts(name: string, value: string): boolean {
  const run = spawnSync(process.execPath, ['-e', ''], { env: { [name]: value } });
  if (run.error) expect((run.error as NodeJS.ErrnoException).code).toBe('E2BIG');
  return run.error === undefined;
}

/** The most databases whose value fits in `bytes` ("NAME=" included), by bisection. */
function most(build: (n: number) => string, bytes: number, name = ''): number {
  let [low, high] = [1, 10_000];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (Buffer.byteLength(`${name}${build(mid)}`) <= bytes) low = mid;
    else high = mid - 1;
  }
  return low;
}

const LINUX_MAX = 128 * 1024 - 1; // MAX_ARG_STRLEN counts the string's closing NUL
const SECRET_MAX = 48 * 1024;
const doc = readFileSync(path.join(ROOT, 'docs/several-databases.md'), 'utf8');
const about = (n: number) => `about ${(Math.floor(n / 10) * 10).toLocaleString('en-US')}`;

describe.runIf(process.platform === 'linux')('one input is at most 128 KiB on Linux', () => {
  it('"NAME=value" of 131,071 bytes starts; of 131,072, the step cannot start (E2BIG)', () => {
    const name = 'INPUT_DATABASES';
    expect(starts(name, 'x'.repeat(LINUX_MAX - name.length - 1))).toBe(true);
    expect(starts(name, 'x'.repeat(LINUX_MAX - name.length))).toBe(false);
  });

  it.each([62, 100])(
    'the databases that fit with %i-character tokens, in JSON and one a line, are as the docs say',
    (length) => {
      expect(url(0)).toHaveLength(37);
      expect(token(0, length)).toHaveLength(length);
      const [json, lines] = [databases(length), tokenLines(length)];
      const inJson = most(json, LINUX_MAX, 'INPUT_DATABASES=');
      const inLines = most(lines, LINUX_MAX, 'INPUT_TOKEN=');
      expect(starts('INPUT_DATABASES', json(inJson))).toBe(true);
      expect(starts('INPUT_DATABASES', json(inJson + 1))).toBe(false);
      expect(starts('INPUT_TOKEN', lines(inLines))).toBe(true);
      expect(starts('INPUT_TOKEN', lines(inLines + 1))).toBe(false);
      expect(doc).toContain(about(inJson));
      expect(doc).toContain(about(inLines));
    },
  );
});

it.each([62, 100])('the databases one 48 KB secret holds, with %i-character tokens', (length) => {
  expect(doc).toContain(about(most(databases(length), SECRET_MAX)));
  expect(doc).toContain(about(most(tokenLines(length), SECRET_MAX)));
});
