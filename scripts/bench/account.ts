// `npm run bench`, the Upstash account: 1,000 databases found through the loopback Developer API
// and maintained in one step by dist/index.js, as the runner starts it. No database passes
// through an environment variable: the inputs are the e-mail, the key and the API's URL. Its own
// servers (a redis-server, the REST front accepting each database's token, the Developer API),
// its own rounds: the time from spawn to exit (min and median), and the peak memory of one
// traced run. `node scripts/bench/account.ts [rounds]` runs it alone.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inputVariable, ROOT, RUNNER_ENV } from '../../__tests__/support/action.ts';
import { accountInputs, accountTokens } from '../../__tests__/support/account.ts';
import { startRedis } from '../../__tests__/support/redis-server.ts';
import { startRestFront } from '../../__tests__/support/rest-front.ts';
import { apiDatabase, startFakeUpstashApi } from '../../__tests__/support/upstash-api.ts';

const DATABASES = 1000;

function spawnRun(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/index.js')], {
      env,
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`the account run exited with ${code}`));
    });
  });
}

/** The figures as one line of Markdown, to print after the main table. */
export async function benchAccount(rounds: number): Promise<string> {
  const redis = await startRedis();
  const front = await startRestFront(redis, { everyLoopbackAddress: true, accepts: accountTokens });
  const api = await startFakeUpstashApi();
  const port = new URL(front.url).port;
  api.databases = Array.from({ length: DATABASES }, (_, i) =>
    apiDatabase(i, { endpoint: `127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}:${port}` }),
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'keepalive-bench-account-'));
  const file = (name: string) => {
    writeFileSync(path.join(work, name), '');
    return path.join(work, name);
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...RUNNER_ENV,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: file('output'),
    GITHUB_STEP_SUMMARY: file('summary'),
    ...Object.fromEntries(
      Object.entries(accountInputs(api)).map(([name, value]) => [inputVariable(name), value]),
    ),
  };
  try {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) times.push(await spawnRun(env));
    const trace = file('trace');
    const hook = path.join(ROOT, 'scripts/bench/trace.mjs');
    await spawnRun({ ...env, TRACE_FILE: trace, NODE_OPTIONS: `--import ${hook}` });
    const rss = Number(/^maxrss (\d+)$/m.exec(readFileSync(trace, 'utf8'))?.[1] ?? 0) / 1024;
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return `${DATABASES} databases of an Upstash account (maintenance, found through the Developer API, ${rounds} rounds): min ${(sorted[0] ?? 0).toFixed(0)} ms, median ${median.toFixed(0)} ms, peak memory ${rss.toFixed(0)} MiB.`;
  } finally {
    await Promise.all([front.close(), api.close()]);
    await redis.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log(await benchAccount(Number(process.argv[2] ?? 5)));
