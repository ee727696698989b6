// The default scheduled run is the fast run, on the built files: no GitHub chunk loaded, no
// fetch used, no GitHub request.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, runDist } from '../support/action.ts';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { text } from '../support/resp.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

let redis: RedisServer;
let front: RestFront;
let github: FakeGitHub;
beforeAll(async () => {
  redis = await startRedis();
  front = await startRestFront(redis);
  github = await startFakeGitHub();
});
afterAll(async () => {
  await front.close();
  await redis.stop();
  await github.close();
});

describe('the default scheduled run is the fast run', () => {
  let lean: string;
  beforeAll(() => {
    // dist/ without the GitHub client's chunk: a run that loads it fails.
    lean = mkdtempSync(path.join(tmpdir(), 'keepalive-lean-'));
    const dist = path.dirname(DIST);
    cpSync(dist, lean, { recursive: true });
    for (const chunk of readdirSync(lean).filter((f) => /^\d+\.index\.js$/.test(f))) {
      if (readFileSync(path.join(lean, chunk), 'utf8').includes('octokit')) {
        rmSync(path.join(lean, chunk));
      }
    }
  });
  afterAll(() => {
    rmSync(lean, { recursive: true, force: true });
  });

  it('loads no GitHub chunk, uses no fetch, and makes no GitHub request', async () => {
    const inputs = { url: front.url, token: front.tokens.full, 'github-token': github.token };
    const env = {
      GITHUB_API_URL: github.url,
      // fetch removed: any use of it (a second HTTP stack) would fail the run.
      NODE_OPTIONS: '--import data:text/javascript,delete%20globalThis.fetch',
    };
    const run = await runDist(inputs, env, path.join(lean, 'index.js'));
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ mode: 'maintenance', 'maintenance-count': '1' });
    expect(github.requests).toHaveLength(0);
    // The same lean copy fails once a run needs GitHub: the check can fail.
    const rearm = await runDist(
      { ...inputs, 'keep-workflow-alive': 'true' },
      { ...env, GITHUB_EVENT_PATH: '' },
      path.join(lean, 'index.js'),
    );
    expect(rearm.stdout).toMatch(/::warning::.*(Cannot find module|ERR_MODULE_NOT_FOUND)/);
    const count = await (await redis.admin()).call('GET', 'upstash-keepalive:count');
    expect(text(count)).toBe('2');
  });
});
