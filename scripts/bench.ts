// npm run bench: measures what a keep-alive run costs, on this machine, against a local
// redis-server behind the Upstash-compatible REST front (all on loopback).
//
//  1. requests and commands per mode, as the front and Redis see them;
//  2. cold start: a whole `ping` run of dist/index.js against the floor, a bare Node process
//     that makes the same single request (median of alternating runs, with min and max);
//  3. bundle size;
//  4. the approaches the seed documents use today, run the same way: a TypeScript script
//     through tsx doing the maintenance one command per request, and a curl call.
//
// `npm run bench -- --runs 5` changes the number of runs (default 15, at least 9 for the README).
// It is a measurement, never a test: nothing here fails on a slow figure.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUNNER_ENV, ROOT, inputVariable, runDist } from '../__tests__/support/action.ts';
import { startRedis } from '../__tests__/support/redis-server.ts';
import type { RespConnection } from '../__tests__/support/resp.ts';
import { startRestFront } from '../__tests__/support/rest-front.ts';
import { startFakeGitHub } from '../__tests__/support/github-api.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const redis = await startRedis();
const front = await startRestFront(redis);
const github = await startFakeGitHub(); // pushed recently: the re-arm check reads, then stops
// Ten more fronts that each take 200 ms to answer, like ten databases far away.
const slow = await Promise.all(
  Array.from({ length: 10 }, () =>
    startRestFront(redis, {
      intercept: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return false;
      },
    }),
  ),
);
const slowInputs = (n: number) => ({
  [inputVariable('url')]: slow
    .slice(0, n)
    .map((f) => f.url)
    .join('\n'),
  [inputVariable('token')]: slow
    .slice(0, n)
    .map((f) => f.tokens.full)
    .join('\n'),
});
const admin = await redis.admin();
const work = mkdtempSync(path.join(os.tmpdir(), 'keepalive-bench-'));

/** Redis commands executed since the last call, from INFO commandstats (the front's own aside). */
async function commandDelta(conn: RespConnection, since: Map<string, number>) {
  const info = String(await conn.call('INFO', 'commandstats'));
  const now = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    now.set(match[1] ?? '', Number(match[2]));
  }
  const delta = new Map<string, number>();
  for (const [name, calls] of now) {
    const d = calls - (since.get(name) ?? 0);
    if (d > 0 && !['info', 'auth', 'multi', 'exec'].includes(name)) delta.set(name, d);
  }
  return { now, delta };
}

// 1. Requests and commands per mode.
const perMode: string[][] = [];
let stats = (await commandDelta(admin, new Map())).now;
for (const mode of ['ping', 'maintenance', 'status']) {
  const before = front.requests.length;
  const run = await runDist({ url: front.url, token: front.tokens.full, mode });
  if (run.exitCode !== 0) throw new Error(`${mode} failed: ${run.outputs.error}`);
  const requests = front.requests.slice(before);
  const sent = requests.reduce((n, r) => n + (JSON.parse(r.body) as unknown[]).length, 0);
  const { now, delta } = await commandDelta(admin, stats);
  stats = now;
  const executed = [...delta.values()].reduce((a, b) => a + b, 0);
  const detail = [...delta].map(([name, n]) => `${n} ${name.toUpperCase()}`).join(', ');
  perMode.push([
    mode,
    String(requests.length),
    requests.map((r) => r.path).join(' '),
    String(sent),
    `${executed} (${detail})`,
  ]);
}

// 2. and 4. Whole processes, timed from spawn to exit.
const summaryFile = path.join(work, 'summary');
const outputFile = path.join(work, 'output');
const floorScript = path.join(work, 'floor.mjs');
writeFileSync(
  floorScript,
  `const res = await fetch(${JSON.stringify(`${front.url}/pipeline`)}, {
  method: 'POST',
  headers: { Authorization: 'Bearer ' + process.env.TOKEN, 'Upstash-Encoding': 'base64' },
  body: '[["ping"]]',
});
if ((await res.json())[0].result !== 'UE9ORw==') process.exit(1);
`,
);

const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...RUNNER_ENV,
  TOKEN: front.tokens.full,
  UPSTASH_REDIS_REST_URL: front.url,
  UPSTASH_REDIS_REST_TOKEN: front.tokens.full,
  GITHUB_OUTPUT: outputFile,
  GITHUB_STEP_SUMMARY: summaryFile,
  [inputVariable('url')]: front.url,
  [inputVariable('token')]: front.tokens.full,
  [inputVariable('mode')]: 'ping',
};

function timed(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  return new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
    });
  });
}

interface Series {
  name: string;
  run: () => Promise<number>;
  times: number[];
}

const node = process.execPath;
const hasCurl = await timed('curl', ['--version']).then(
  () => true,
  () => false,
);
const series: Series[] = [
  { name: 'floor: bare Node, one fetch', run: () => timed(node, [floorScript]), times: [] },
  {
    name: 'action: node dist/index.js, ping',
    run: () => timed(node, [path.join(ROOT, 'dist/index.js')]),
    times: [],
  },
  {
    name: 'action: node dist/index.js, maintenance',
    run: () =>
      timed(node, [path.join(ROOT, 'dist/index.js')], { [inputVariable('mode')]: 'maintenance' }),
    times: [],
  },
  {
    name: 'action: ping on a scheduled run (+ GitHub client, 1 API read)',
    run: () =>
      timed(node, [path.join(ROOT, 'dist/index.js')], {
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_WORKFLOW_REF:
          'octo-org/keepalive-demo/.github/workflows/keepalive.yml@refs/heads/main',
        GITHUB_API_URL: github.url,
        [inputVariable('github-token')]: github.token,
      }),
    times: [],
  },
  {
    name: 'action: ping, 1 database 200 ms away',
    run: () => timed(node, [path.join(ROOT, 'dist/index.js')], slowInputs(1)),
    times: [],
  },
  {
    name: 'action: ping, 10 databases 200 ms away each',
    run: () => timed(node, [path.join(ROOT, 'dist/index.js')], slowInputs(10)),
    times: [],
  },
  {
    name: 'seed: tsx script, maintenance, 8 requests',
    run: () =>
      timed(path.join(ROOT, 'node_modules/.bin/tsx'), [
        path.join(ROOT, 'scripts/bench/seed-maintenance.ts'),
      ]),
    times: [],
  },
];
if (hasCurl) {
  series.push({
    name: 'seed: curl one-liner, PING',
    run: () =>
      timed('curl', [
        ...['-sf', '-o', '/dev/null', '-X', 'POST', `${front.url}/pipeline`],
        ...['-H', `Authorization: Bearer ${front.tokens.full}`, '-d', '[["ping"]]'],
      ]),
    times: [],
  });
}

for (const s of series) await s.run(); // warm the file system cache once
for (let i = 0; i < RUNS; i++) {
  for (const s of series) s.times.push(await s.run()); // alternating: one of each per round
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const floor = median(series[0]?.times ?? []);
const ms = (x: number) => x.toFixed(1);

// Output: Markdown tables, ready for the README.
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node ${process.version}; ${RUNS} alternating runs; all on loopback.\n`,
);
console.log('Requests and commands per mode (REST):\n');
console.log(
  table(
    ['mode', 'HTTP requests', 'endpoint', 'commands in the request', 'Redis commands executed'],
    perMode,
  ),
);
console.log('\nWhole runs, process start to exit (ms):\n');
console.log(
  table(
    ['run', 'median', 'min', 'max', '× floor'],
    series.map((s) => [
      s.name,
      ms(median(s.times)),
      ms(Math.min(...s.times)),
      ms(Math.max(...s.times)),
      `${(median(s.times) / floor).toFixed(2)}×`,
    ]),
  ),
);
if (!hasCurl) console.log('\n(curl is not installed: its row is left out)');
const size = (file: string) =>
  `${(statSync(path.join(ROOT, 'dist', file)).size / 1024).toFixed(0)} KiB`;
const chunks = (await import('node:fs'))
  .readdirSync(path.join(ROOT, 'dist'))
  .filter((f) => /^\d+\.index\.js$/.test(f));
console.log(
  `\nBundle: dist/index.js ${size('index.js')}; chunks loaded on demand: ${chunks.map((c) => `${c} ${size(c)}`).join(', ')}.`,
);

admin.close();
await github.close();
await Promise.all(slow.map((f) => f.close()));
await front.close();
await redis.stop();
rmSync(work, { recursive: true, force: true });
