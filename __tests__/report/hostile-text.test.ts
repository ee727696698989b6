// Text that is not ours — values stored in the database, servers' error texts — can neither forge
// a workflow command in the log nor markup in the step summary, nor grow an output or the memory
// of the run without bound. In process; __tests__/dist/ runs one such case through dist/.

import { describe, expect, it } from 'vitest';
import { runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { useStack } from '../support/fixtures.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

const FORGED = 'x\n::error title=FORGED::y\r##[error]FORGED';

/** Every line the runner would read as a workflow command, our own aside. */
function commands(run: ActionRun): string[] {
  const ours = /^::(add-mask|error|warning|set-output)::/;
  return `${run.stdout}\n${run.stderr}`
    .split(/\r\n|\r|\n/)
    .filter((line) => /^\s*::/.test(line) || line.includes('##['))
    .filter((line) => !ours.test(line));
}

const runAction = runInProcess;

describe('the action', () => {
  it('a stored last-maintenance that is not a time is a verification error, and forges nothing', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', FORGED);
    const run = await runAction(full({ mode: 'status' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /Verification failed: upstash-keepalive:last-maintenance read back .*expected an ISO 8601 time/,
    );
    expect(commands(run)).toEqual([]);
    expect(run.everything).not.toMatch(/^\s*::error title=FORGED/m);
  });

  it('a previous-maintenance that is not a time is refused too, naming its key', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:previous-maintenance', '2026-02-31T00:00:00Z');
    const run = await runAction(full({ mode: 'status' }));
    expect(run.outputs.error).toMatch(/upstash-keepalive:previous-maintenance read back/);
  });

  it('a server error text with line breaks and commands stays one escaped line', async () => {
    stack.front.intercept = (_req, res, index) => {
      if (index > 0) return false;
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: FORGED }));
      return true;
    };
    const run = await runAction(full());
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /Attempt 1 of 3 failed: .*x\\n::error title=FORGED::y\\r#\u200b#\[error\]/,
    );
    expect(commands(run)).toEqual([]);
  });

  it('an error text cannot break the summary table nor render HTML', async () => {
    stack.front.intercept = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'ERR bad | cell <img src=x onerror=alert(1)> [a](http://e)' }),
      );
      return true;
    };
    const run = await runAction(full());
    expect(run.exitCode).toBe(1);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).toContain('&lt;img');
    expect(run.summary).toContain('bad \\| cell');
    expect(run.summary).not.toMatch(/[^\\]\[a\]\(/);
  });

  it('a status in the future beyond the clock-skew allowance fails max-age-hours', async () => {
    const ahead = new Date(Date.now() + 3 * 3_600_000).toISOString();
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', ahead);
    const run = await runAction(full({ mode: 'status', 'max-age-hours': '48' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/recorded in the future/);
    const slightly = new Date(Date.now() + 60_000).toISOString();
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', slightly);
    const skewed = await runAction(full({ mode: 'status', 'max-age-hours': '48' }));
    expect(skewed.exitCode).toBe(0);
  });

  it('a 900 KB error text is cut in every output, annotation and log line', async () => {
    const huge = `ERR ${'A'.repeat(900 * 1024)}`;
    stack.front.intercept = (_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: huge }));
      return true;
    };
    const run = await runAction(full());
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error?.length ?? 0).toBeLessThan(2_000);
    expect(run.outputs.error).toMatch(/… \(\d+ bytes more\)/);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThan(5_000);
    expect(run.everything.length).toBeLessThan(50_000);
  });
});

describe('replies too large to be ours', () => {
  it('a 50 MB result is refused without being read whole, and the outputs stay small', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a').toString();
    stack.front.intercept = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ result: big }]));
      return true;
    };
    const run = await runInProcess(full());
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/larger than 1 MiB/);
    expect(run.everything.length).toBeLessThan(50_000);
  });

  it('a stored value of 5 MB over redis:// is not read: status names its key and size', async () => {
    await stack.admin.call(
      'SET',
      'upstash-keepalive:last-maintenance',
      'b'.repeat(5 * 1024 * 1024),
    );
    const { name, password } = stack.redis.users.full;
    const url = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const run = await runInProcess({ url, mode: 'status' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /^Verification failed: upstash-keepalive:last-maintenance read back \(a value of 5242880 bytes, not read\)/,
    );
    expect(run.everything.length).toBeLessThan(50_000);
  });
});
