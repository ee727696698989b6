// npm run bench: what a keep-alive run costs on this machine, every server on loopback: a real
// redis-server behind the Upstash-compatible REST front, and the loopback GitHub API.
//
// Each kind of run is a whole process, timed from spawn to exit. Rounds run every kind once, in
// an order rotated from round to round; each time is divided by the floor's time of the same
// round (a bare Node process that makes the one request with fetch), so slow moments of the
// machine cancel out: the table gives the min and median of those paired ratios. Then, in runs
// apart, the bytes of dist/ each kind of run loads and its peak memory.
// `npm run bench -- --runs 5` sets the rounds (default 15). It measures; it never fails on a figure.

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventPayload, inputVariable, ROOT, RUNNER_ENV } from '../__tests__/support/action.ts';
import { startFakeGitHub } from '../__tests__/support/github-api.ts';
import { startRedis } from '../__tests__/support/redis-server.ts';
import { startRestFront } from '../__tests__/support/rest-front.ts';
import { benchAccount } from './bench/account.ts';

const runsArg = process.argv.indexOf('--runs');
const ROUNDS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const redis = await startRedis();
const front = await startRestFront(redis, { everyLoopbackAddress: true });
const github = await startFakeGitHub();
github.pushedAt = new Date(Date.now() - 50 * 86_400_000).toISOString();
const work = mkdtempSync(path.join(os.tmpdir(), 'keepalive-bench-'));
const file = (name: string, content: string) => {
  const target = path.join(work, name);
  writeFileSync(target, content);
  return target;
};

const pipeline = `${front.url}/pipeline`;
const floorFetch = file(
  'floor-fetch.mjs',
  `const r = await fetch(${JSON.stringify(pipeline)}, { method: 'POST', headers: { Authorization: 'Bearer ' + process.env.TOKEN, 'Upstash-Encoding': 'base64' }, body: '[["ping"]]' });
if ((await r.json())[0].result !== 'UE9ORw==') process.exit(1);`,
);
const floorHttp = file(
  'floor-http.mjs',
  `import http from 'node:http';
const body = await new Promise((resolve, reject) => {
  const q = http.request(${JSON.stringify(pipeline)}, { method: 'POST', headers: { Authorization: 'Bearer ' + process.env.TOKEN, 'Upstash-Encoding': 'base64' } }, (r) => { let t = ''; r.on('data', (c) => (t += c)); r.on('end', () => resolve(t)); });
  q.on('error', reject); q.end('[["ping"]]');
});
if (JSON.parse(body)[0].result !== 'UE9ORw==') process.exit(1);`,
);
// The same exchange twice in one process: fetch's second answer recompiles its parser (NOTES).
const twice = (floor: string) =>
  file(
    `${path.basename(floor, '.mjs')}-twice.mjs`,
    `${readFileSync(floor, 'utf8')}\nawait import(${JSON.stringify(`${floor}?again`)});`,
  );
const library = file(
  'library.mjs',
  `const { keepAlive } = await import(${JSON.stringify(path.join(ROOT, 'dist/lib/index.js'))});
const r = await keepAlive({ mode: process.env.MODE });
if (!r.ok) process.exit(1);`,
);
const event = (days: number) =>
  file(
    `event-${days}.json`,
    JSON.stringify(eventPayload(new Date(Date.now() - days * 86_400_000))),
  );
const outputs = { GITHUB_OUTPUT: file('output', ''), GITHUB_STEP_SUMMARY: file('summary', '') };
const fleet = (n: number) => {
  const port = new URL(front.url).port;
  const urls = Array.from(
    { length: n },
    (_, i) => `http://127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}:${port}`,
  );
  return {
    [inputVariable('url')]: urls.join('\n'),
    [inputVariable('token')]: urls.map(() => front.tokens.full).join('\n'),
  };
};
const { name: user, password } = redis.users.full;

const base: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...RUNNER_ENV,
  ...outputs,
  GITHUB_EVENT_NAME: 'push',
  GITHUB_API_URL: github.url,
  TOKEN: front.tokens.full,
  UPSTASH_REDIS_REST_URL: front.url,
  UPSTASH_REDIS_REST_TOKEN: front.tokens.full,
  [inputVariable('url')]: front.url,
  [inputVariable('token')]: front.tokens.full,
  [inputVariable('github-token')]: github.token,
};
const dist = path.join(ROOT, 'dist/index.js');
// The two runs docs/performance.md holds to a bound: their figures are printed again at the end.
const DEFAULT_RUN = 'default scheduled run (maintenance, event payload)';
const FLEET_MAINTENANCE = '1,000 databases (maintenance, concurrency 32)';
const mode = (m: string) => ({ [inputVariable('mode')]: m });
const scheduled = (days: number) => ({
  GITHUB_EVENT_NAME: 'schedule',
  GITHUB_EVENT_PATH: event(days),
});

interface Kind {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Measured, but not a run of this action: no bytes or memory figures. */
  other?: boolean;
}

const kinds: Kind[] = [
  {
    name: 'floor: bare Node, one request with fetch',
    command: process.execPath,
    args: [floorFetch],
    other: true,
  },
  {
    name: 'floor: bare Node, one request with node:http',
    command: process.execPath,
    args: [floorHttp],
    other: true,
  },
  {
    name: 'floor: bare Node, two requests with fetch',
    command: process.execPath,
    args: [twice(floorFetch)],
    other: true,
  },
  {
    name: 'floor: bare Node, two requests with node:http',
    command: process.execPath,
    args: [twice(floorHttp)],
    other: true,
  },
  {
    name: 'library: keepAlive() maintenance over fetch (dist/lib)',
    command: process.execPath,
    args: [library],
    env: { MODE: 'maintenance' },
    other: true,
  },
  { name: 'ping', command: process.execPath, args: [dist], env: mode('ping') },
  { name: 'maintenance', command: process.execPath, args: [dist], env: mode('maintenance') },
  { name: 'status', command: process.execPath, args: [dist], env: mode('status') },
  {
    name: DEFAULT_RUN,
    command: process.execPath,
    args: [dist],
    env: scheduled(10),
  },
  {
    name: 'scheduled run that re-arms (GET + PUT to GitHub)',
    command: process.execPath,
    args: [dist],
    env: {
      ...scheduled(50),
      GITHUB_EVENT_PATH: '',
      [inputVariable('keep-workflow-alive')]: 'true',
      GITHUB_WORKFLOW_REF:
        'octo-org/keepalive-demo/.github/workflows/keepalive.yml@refs/heads/main',
    },
  },
  {
    name: '1 database (ping)',
    command: process.execPath,
    args: [dist],
    env: { ...mode('ping'), ...fleet(1) },
  },
  {
    name: '20 databases (ping)',
    command: process.execPath,
    args: [dist],
    env: { ...mode('ping'), ...fleet(20) },
  },
  {
    name: '1,000 databases (ping, concurrency 32)',
    command: process.execPath,
    args: [dist],
    env: { ...mode('ping'), ...fleet(1000) },
  },
  {
    name: FLEET_MAINTENANCE,
    command: process.execPath,
    args: [dist],
    env: { ...mode('maintenance'), ...fleet(1000) },
  },
  {
    name: 'redis:// (ping)',
    command: process.execPath,
    args: [dist],
    env: {
      ...mode('ping'),
      [inputVariable('url')]: `redis://${user}:${password}@127.0.0.1:${redis.port}`,
      [inputVariable('token')]: '',
    },
  },
  {
    name: "the seed's way: tsx script, 7 requests, not atomic (npm ci not counted)",
    command: path.join(ROOT, 'node_modules/.bin/tsx'),
    args: [path.join(ROOT, 'scripts/bench/seed-maintenance.ts')],
    other: true,
  },
];

function spawnTimed(kind: Kind, extra: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(kind.command, kind.args, {
      env: { ...base, ...kind.env, ...extra },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${kind.name} exited with ${code}`));
    });
  });
}

const hasCurl = await new Promise<boolean>((resolve) => {
  spawn('curl', ['--version'], { stdio: 'ignore' })
    .on('error', () => {
      resolve(false);
    })
    .on('exit', (c) => {
      resolve(c === 0);
    });
});
if (hasCurl) {
  kinds.push({
    name: 'curl one-liner (PING; fails silently on errors)',
    command: 'curl',
    args: [
      '-sf',
      '-o',
      '/dev/null',
      '-X',
      'POST',
      pipeline,
      '-H',
      `Authorization: Bearer ${front.tokens.full}`,
      '-d',
      '[["ping"]]',
    ],
    other: true,
  });
}

// Timed rounds: every kind once per round, the order rotated by one each round.
const times = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
for (const kind of kinds) await spawnTimed(kind); // warms the file system cache
for (let round = 0; round < ROUNDS; round++) {
  const order = kinds.map((_, i) => kinds[(i + round) % kinds.length] as Kind);
  for (const kind of order) times.get(kind.name)?.push(await spawnTimed(kind));
}

// Bytes of dist/ loaded and peak memory, traced in one run of each kind apart from the timing.
const trace = path.join(work, 'trace');
async function traced(kind: Kind): Promise<{ bytes: number; rssMiB: number }> {
  writeFileSync(trace, '');
  const hook = path.join(ROOT, 'scripts/bench/trace.mjs');
  await spawnTimed(kind, { TRACE_FILE: trace, NODE_OPTIONS: `--import ${hook}` });
  const lines = readFileSync(trace, 'utf8').split('\n');
  const loaded = new Set(lines.filter((l) => l.startsWith('load file://')).map((l) => l.slice(12)));
  const bytes = [...loaded]
    .filter((f) => f.startsWith(path.join(ROOT, 'dist')))
    .reduce((n, f) => n + statSync(f).size, 0);
  const rss = Number(lines.find((l) => l.startsWith('maxrss '))?.slice(7) ?? 0);
  return { bytes, rssMiB: rss / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const floor = times.get(kinds[0]?.name ?? '') ?? [];
const rows: string[][] = [];
const figures = new Map<string, { ratio: number; bytes: number; rssMiB: number }>();
for (const kind of kinds) {
  const ts = times.get(kind.name) ?? [];
  const ratios = ts.map((t, i) => t / (floor[i] ?? t));
  const extra = kind.other ? { bytes: NaN, rssMiB: NaN } : await traced(kind);
  figures.set(kind.name, { ratio: median(ratios), ...extra });
  rows.push([
    kind.name,
    median(ts).toFixed(0),
    `${Math.min(...ratios).toFixed(2)}×`,
    `${median(ratios).toFixed(2)}×`,
    Number.isNaN(extra.bytes) ? '—' : `${(extra.bytes / 1024).toFixed(0)} KiB`,
    Number.isNaN(extra.rssMiB) ? '—' : `${extra.rssMiB.toFixed(0)} MiB`,
  ]);
}

const table = (head: string[], body: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const distFiles = readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
const distBytes = distFiles.reduce((n, f) => n + statSync(path.join(ROOT, 'dist', f)).size, 0);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `${new Date().toISOString().slice(0, 10)}; ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}; Node ${process.version}; ${ROUNDS} rounds, order rotated; every server on loopback.\n`,
);
console.log(
  table(
    [
      'run',
      'median ms',
      'min × fetch floor',
      'median × fetch floor',
      'dist/ loaded',
      'peak memory',
    ],
    rows,
  ),
);
console.log(
  `\ndist/: ${(distBytes / 1024).toFixed(0)} KiB in ${distFiles.length} files (${distFiles.map((f) => `${f} ${(statSync(path.join(ROOT, 'dist', f)).size / 1024).toFixed(0)} KiB`).join(', ')}).`,
);
if (!hasCurl) console.log('(curl is not installed: its row is left out)');
const lean = figures.get(DEFAULT_RUN);
const heavy = figures.get(FLEET_MAINTENANCE);
console.log(
  `\nThe default scheduled run: ${lean?.ratio.toFixed(2)}× the fetch floor (median of ${ROUNDS} paired rounds), ${((lean?.bytes ?? 0) / 1024).toFixed(0)} KiB of dist/ loaded, ${lean?.rssMiB.toFixed(0)} MiB at its peak.`,
);
console.log(
  `1,000 databases' maintenance: ${heavy?.rssMiB.toFixed(0)} MiB at its peak, ${heavy?.ratio.toFixed(2)}× the fetch floor.`,
);
console.log(`\n${await benchAccount(Math.min(ROUNDS, 5))}`);

await github.close();
await front.close();
await redis.stop();
rmSync(work, { recursive: true, force: true });
