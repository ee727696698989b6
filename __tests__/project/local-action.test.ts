// npm run local-action: without a .env it says, in one line, to copy .env.example; with one it
// hands over to @github/local-action through npx. An `npx` of our own on PATH stands in for the
// registry (no network in tests): it prints what it was asked to run.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';

const SCRIPT = path.join(ROOT, 'scripts/local-action.ts');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keepalive-local-action-'));
  mkdirSync(path.join(dir, 'bin'));
  const npx = path.join(dir, 'bin/npx');
  writeFileSync(npx, '#!/bin/sh\necho "npx $*"\nexit 3\n');
  chmodSync(npx, 0o755);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = () =>
  spawnSync(process.execPath, [SCRIPT], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? ''}` },
  });

it('is what npm run local-action runs', () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  expect(scripts['local-action']).toBe('node scripts/local-action.ts');
});

it('without .env: one line that says to copy .env.example, and no stack trace', () => {
  const result = run();
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/no \.env .*cp \.env\.example \.env/);
});

it('with .env: runs @github/local-action on src/action.ts and that file, and its exit code', () => {
  writeFileSync(path.join(dir, '.env'), 'INPUT_URL=https://example.upstash.io\n');
  const result = run();
  expect(result.stdout.trim()).toBe('npx -y @github/local-action@7.0.1 . src/action.ts .env');
  expect(result.status).toBe(3);
});
