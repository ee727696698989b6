// The command as people install it: `npm pack`, then a global install into a folder of its own,
// then the command npm links — whose name is not cli.js. It must run the command line (mode,
// flags, --json) and never print a workflow command: outside Actions, `::add-mask::<token>`
// would be the token in clear in a cron or Docker log.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIST, ROOT } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
let dir: string;
let command: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keepalive-installed-'));
  const npm = (...args: string[]) =>
    execFileSync('npm', args, { cwd: ROOT, stdio: 'ignore', env: process.env });
  npm('pack', '--pack-destination', dir);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? '';
  const prefix = path.join(dir, 'prefix');
  // Its dependencies are in npm's cache since `npm ci`: no network needed.
  npm(
    'install',
    '-g',
    '--prefix',
    prefix,
    path.join(dir, tarball),
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
  );
  command = path.join(prefix, 'bin', 'upstash-keepalive');
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(file: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [file, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise<{ code: number; out: string }>((resolve) =>
    child.on('close', (code) => {
      resolve({ code: code ?? -1, out });
    }),
  );
}

const env = () => ({
  UPSTASH_REDIS_REST_URL: stack.front.url,
  UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
});

it('the linked command runs the command line: mode and --json are obeyed', async () => {
  expect(path.basename(command)).not.toMatch(/cli\.js$/);
  const { code, out } = await run(command, ['maintenance', '--json'], env());
  expect(code).toBe(0);
  expect(JSON.parse(out)).toMatchObject({
    ok: true,
    mode: 'maintenance',
    databases: [{ ok: true, 'maintenance-count': 1 }],
  });
  expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
  expect(out).not.toMatch(/^\s*::/m);
  expect(leaks(out, stack.front.tokens.full)).toEqual([]);
});

it('a failure of the linked command prints no workflow command and no token', async () => {
  const { code, out } = await run(command, ['ping'], {
    ...env(),
    UPSTASH_REDIS_REST_TOKEN: 'AXwrongButLongToken=',
  });
  expect(code).toBe(1);
  expect(out).toMatch(/rejected the token given in UPSTASH_REDIS_REST_TOKEN/);
  expect(out).not.toMatch(/^\s*::/m);
  expect(out).not.toContain('AXwrongButLongToken=');
});

it('the action itself, started outside Actions, prints no workflow command either', async () => {
  const inputs = { INPUT_URL: stack.front.url, INPUT_TOKEN: 'AXwrongButLongToken=' };
  const { code, out } = await run(DIST, [], inputs);
  expect(code).toBe(1);
  expect(out).toMatch(/^Error: The database rejected the token/m);
  expect(out).not.toMatch(/^\s*::/m);
  expect(out).not.toContain('AXwrongButLongToken=');
});
