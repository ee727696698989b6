// The default scheduled run is the fast run, on the built files: no GitHub chunk loaded, no
// fetch used, no GitHub request, and neither undici nor @actions/http-client evaluated (the
// OIDC client of @actions/core that brings them is loaded only when used: scripts/bundle/).

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, ROOT, runDist } from '../support/action.ts';
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

  it('evaluates neither undici nor @actions/http-client: no file it loads holds them', async () => {
    const trace = path.join(lean, 'trace');
    const traced = async (inputs: Record<string, string>, env: Record<string, string> = {}) => {
      writeFileSync(trace, '');
      const hook = path.join(ROOT, 'scripts/bench/trace.mjs');
      const run = await runDist(inputs, { ...env, TRACE_FILE: trace, NODE_OPTIONS: `--import ${hook}` });
      expect(run.exitCode).toBe(0);
      const lines = readFileSync(trace, 'utf8').split('\n');
      const dist = path.dirname(DIST);
      const loaded = lines
        .filter((l) => l.startsWith('load '))
        .map((l) => fileURLToPath(l.slice(5)))
        .filter((file) => file.startsWith(dist));
      expect(loaded).toContain(DIST);
      const code = loaded.map((file) => readFileSync(file, 'utf8')).join('\n');
      return {
        // undici's diagnostics channel names; the class @actions/http-client throws.
        undici: code.includes('undici:request:create'),
        httpClient: code.includes('HttpClientError'),
        // Evaluating a bundled undici installs its dispatcher as the process's global one.
        dispatcher: lines.includes('undici-dispatcher set'),
      };
    };
    const inputs = { url: front.url, token: front.tokens.full, 'github-token': github.token };
    expect(await traced(inputs, { GITHUB_API_URL: github.url })).toEqual({
      undici: false,
      httpClient: false,
      dispatcher: false,
    });
    // The checks can fail: a run that calls GitHub loads and evaluates them (Octokit's own).
    const rearm = { ...inputs, 'keep-workflow-alive': 'true' };
    expect(await traced(rearm, { GITHUB_API_URL: github.url, GITHUB_EVENT_PATH: '' })).toEqual({
      undici: true,
      httpClient: true,
      dispatcher: true,
    });
  });
});
