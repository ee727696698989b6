// Regression test from an attack pass: what follows describes the defect as it was found.
// The guarded reader of GITHUB_EVENT_PATH refuses a FIFO, a device and a file over 25 MiB by
// fstat, then reads the file with readFileSync, which reads until the end of the file whatever
// size fstat said. A regular file whose size reads 0 but whose content has no practical end
// (/proc/self/pagemap: 8 bytes per page of the whole address space, hundreds of GiB) passes the
// check and fills the memory, in the built action as the runner starts it. The child runs under
// a 4 GiB address-space limit (prlimit), so the defect shows as a crash, not as a full machine.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, inputVariable, RUNNER_ENV } from '../support/action.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis);
  dir = mkdtempSync(path.join(tmpdir(), 'attack2-event-'));
});
afterAll(async () => {
  await front.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `node dist/index.js` as the runner starts it, in at most 4 GiB of address space and 60 s. */
async function runCapped(eventPath: string) {
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...RUNNER_ENV,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: dir,
    [inputVariable('url')]: front.url,
    [inputVariable('token')]: front.tokens.full,
    [inputVariable('mode')]: 'ping',
  };
  const child = spawn('prlimit', [`--as=${4 * 2 ** 30}`, process.execPath, DIST], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stdout, outputs: readFileSync(output, 'utf8') };
}

describe('an event payload whose size reads 0 but has no end, in the built action', () => {
  it('/proc/self/pagemap: the step ends normally, the payload set aside', async () => {
    const run = await runCapped('/proc/self/pagemap');
    expect(run.stdout).not.toMatch(/bad_alloc|heap out of memory|Aborted/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/GITHUB_EVENT_PATH .*: the last push is read from the GitHub API/);
  }, 90_000);
});
