// The product is dist/: start dist/index.js exactly as the runner does (node, INPUT_* variables,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), and dist/cli.js as a shell does, against a real
// redis-server behind the REST front. Every other suite tests src/ in process.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runDist, type Inputs } from '../support/action.ts';
import { leaks, snapshot, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const inputs = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

describe('node dist/index.js, as the runner starts it', () => {
  it('ping: exit 0, reply=PONG, numeric latency, a summary table, one HTTP request', async () => {
    const run = await runDist(inputs({ mode: 'ping' }));
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ ok: 'true', mode: 'ping', reply: 'PONG', attempts: '1' });
    expect(Number(run.outputs['latency-ms'])).toBeGreaterThanOrEqual(0);
    expect(run.outputs['latency-ms']).toMatch(/^\d+$/);
    expect(run.summary).toMatch(
      /## ✅ Upstash keep-alive: ping succeeded\n\n\| \| \|\n\|---\|---\|\n\| Mode \| ping \|/,
    );
    expect(stack.front.requests).toHaveLength(1);
  });

  it('maintenance twice, then status with the read-only token', async () => {
    const first = await runDist(inputs({ mode: 'maintenance' }));
    const second = await runDist(inputs({ mode: 'maintenance' }));
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/multi-exec', '/multi-exec']);
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('2');
    const last = text(await stack.admin.call('GET', 'upstash-keepalive:last-maintenance'));
    expect(last).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(last).toBe(second.outputs['last-maintenance']);
    const repo = await stack.admin.call('HGET', 'upstash-keepalive:metadata', 'repository');
    const runId = await stack.admin.call('HGET', 'upstash-keepalive:metadata', 'run-id');
    expect([text(repo), text(runId)]).toEqual(['octo-org/keepalive-demo', '1234567890']);

    const before = await snapshot(stack.admin);
    const status = await runDist(inputs({ mode: 'status', token: stack.front.tokens.readOnly }));
    expect(status.exitCode).toBe(0);
    expect(status.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '2',
      'last-maintenance': last,
    });
    expect(await snapshot(stack.admin)).toEqual(before);
    expect(stack.front.requests).toHaveLength(3);
  });

  it('two maintenance runs at once both succeed and count 2', async () => {
    const runs = await Promise.all([
      runDist(inputs({ mode: 'maintenance' })),
      runDist(inputs({ mode: 'maintenance' })),
    ]);
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(runs.map((r) => r.outputs['maintenance-count']).sort()).toEqual(['1', '2']);
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('2');
  });

  it('a wrong token fails the step with ::error:: naming the token, after one request', async () => {
    const run = await runDist(inputs({ token: 'AXthisIsNotTheRightToken42=' }));
    expect(run.exitCode).toBe(1);
    expect(stack.front.requests).toHaveLength(1);
    expect(run.stdout).toMatch(/^::error::The database rejected the token given in input 'token'/m);
    expect(run.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(leaks(run.everything, 'AXthisIsNotTheRightToken42=')).toEqual([]);
  });

  it('bad input fails before any request, naming the input', async () => {
    const run = await runDist(inputs({ 'max-attempts': '0' }));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Input 'max-attempts' must be a whole number from 1 to 10/);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('no secret anywhere in what the runs printed or wrote', async () => {
    const { full, readOnly } = stack.front.tokens;
    const runs = [
      await runDist(inputs({ mode: 'maintenance', token: `  Bearer ${full}\n` })),
      await runDist(inputs({ mode: 'status', token: readOnly })),
      await runDist(inputs({ mode: 'maintenance', token: readOnly })),
    ];
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 1]);
    for (const run of runs) {
      expect(leaks(run.everything, full)).toEqual([]);
      expect(leaks(run.everything, readOnly)).toEqual([]);
    }
  });

  it('a server error text with forged workflow commands stays one escaped line', async () => {
    stack.front.intercept = (_req, res, index) => {
      if (index > 0) return false;
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'x\n::error title=FORGED::y\r##[error]FORGED' }));
      return true;
    };
    const run = await runDist(inputs());
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split(/\r\n|\r|\n/);
    expect(lines.filter((line) => line.includes('FORGED') && /^\s*::|##\[/.test(line))).toEqual([]);
    expect(run.stdout).toMatch(/Attempt 1 of 3 failed: .*x\\n::error title=FORGED::y/);
  });
});

/** `node dist/cli.js args…` with only PATH set, as a shell starts the command. */
function command(args: string[], env: Record<string, string> = {}, closeStdout = false) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (closeStdout) child.stdout.destroy();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
}

describe('node dist/cli.js, as a shell starts it', () => {
  it('maintenance, then status --json with the read-only token', async () => {
    const env = { UPSTASH_REDIS_REST_URL: stack.front.url };
    const run = await command(['maintenance'], {
      ...env,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/maintenance ok on 127\.0\.0\.1:\d+ \(\d+ ms, attempt 1, count 1/);
    const status = await command(['status', '--json'], {
      ...env,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.readOnly,
    });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      ok: true,
      mode: 'status',
      databases: [{ ok: true, 'maintenance-count': 1 }],
    });
  });

  it('a closed pipe on stdout ends the command quietly', async () => {
    const run = await command(['--help'], {}, true);
    expect(run.stderr).not.toMatch(/EPIPE|at /);
  });
});
