// The event payload is read by one guarded reader only, in the built action as the runner starts
// it: a FIFO, a device or a huge file at GITHUB_EVENT_PATH neither hangs the step nor fills the
// memory, and once it is set aside the GitHub API is really asked (the client still loads). In
// process these cannot be seen: the GitHub client is loaded once per test process.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDist } from '../support/action.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

const DAY_MS = 86_400_000;
let redis: RedisServer;
let front: RestFront;
let github: FakeGitHub;
let dir: string;

beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis);
  github = await startFakeGitHub();
  dir = mkdtempSync(path.join(tmpdir(), 'keepalive-event-'));
});
afterAll(async () => {
  await front.close();
  await redis.stop();
  await github.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The files the payload may be: each refused by the guarded reader. */
function hostile(kind: string): string {
  const file = path.join(dir, kind);
  switch (kind) {
    case 'fifo':
      execFileSync('mkfifo', [file]);
      return file;
    case 'device':
      return '/dev/zero';
    case 'sparse-600MiB':
      writeFileSync(file, '');
      truncateSync(file, 600 * 1024 * 1024);
      return file;
    case 'empty':
      writeFileSync(file, '');
      return file;
    default:
      writeFileSync(file, '{"repository": {"pushed_at": ');
      return file;
  }
}

describe('a hostile event payload, in the built action', () => {
  it.each(['fifo', 'device', 'sparse-600MiB', 'empty', 'invalid-json'])(
    '%s: the step ends, in bounded memory, and the GitHub API is asked instead',
    async (kind) => {
      github.requests.length = 0;
      github.issues.length = 0;
      github.pushedAt = new Date(Date.now() - 3 * DAY_MS).toISOString();
      const rssFile = path.join(dir, `${kind}.rss`);
      // Records the process's peak memory as it exits: the payload must never be read whole.
      const probe = `import fs from 'node:fs'; process.on('exit', () => fs.writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`;
      const started = Date.now();
      const run = await runDist(
        // A failing database (a wrong token), so the alert issue has something to say.
        {
          url: front.url,
          token: 'AXwrongTokenForTheEventTests0123456789=',
          'github-token': github.token,
          'alert-issue': 'true',
          'max-attempts': '1',
        },
        {
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_PATH: hostile(kind),
          NODE_OPTIONS: `--import data:text/javascript,${encodeURIComponent(probe)}`,
        },
      );
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/GITHUB_EVENT_PATH .*: the last push is read from the GitHub API/);
      expect(run.stdout).not.toMatch(/Unexpected failure|Cannot find module|SyntaxError/);
      expect(github.requests.map((r) => `${r.method} ${r.path}`)).toContain(
        'GET /repos/octo-org/keepalive-demo',
      );
      expect(run.outputs['days-since-activity']).toBe('3');
      expect(github.issues).toHaveLength(1);
      const peakKiB = Number(readFileSync(rssFile, 'utf8'));
      expect(peakKiB).toBeLessThan(200 * 1024);
    },
    30_000,
  );
});
