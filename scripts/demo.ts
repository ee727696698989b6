// npm run demo: runs the action for real on this machine. Starts redis-server and the
// Upstash-compatible REST front on loopback, then runs dist/index.js in each mode exactly as the
// Actions runner does (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), and prints what
// each run printed, its outputs and its step summary.

import { runDist, type Inputs } from '../__tests__/support/action.ts';
import { requireRedisServer, startRedis } from '../__tests__/support/redis-server.ts';
import { startRestFront } from '../__tests__/support/rest-front.ts';

try {
  requireRedisServer();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const redis = await startRedis();
const front = await startRestFront(redis);
const tcpPassword = 'demo-tcp-password';
const tcp = await startRedis({ requirepass: tcpPassword });
const tcpUrl = `redis://default:${tcpPassword}@127.0.0.1:${tcp.port}`;
console.log(`redis-server on 127.0.0.1:${redis.port}, REST front on ${front.url}`);
console.log(`redis-server with a password on 127.0.0.1:${tcp.port} for redis:// URLs`);
console.log(
  'Each run is started as on a scheduled GitHub run (with its event payload). Its first lines,\n' +
    '::add-mask::…, are consumed by the Actions runner, which hides those values in the rest of\n' +
    'the log; here they show what would be masked.\n',
);

/**
 * Three weeks of daily runs before today's, with three days missing (a schedule GitHub dropped
 * or disabled for a while): written into the history the way the tests write them.
 */
async function pastRuns(): Promise<void> {
  const admin = await redis.admin();
  const entries: string[] = [];
  for (let day = 21; day >= 1; day--) {
    if (day >= 9 && day <= 11) continue;
    const at = new Date(Date.now() - day * 86_400_000 - 120_000).toISOString();
    const run = {
      at,
      outcome: 'ok',
      'run-id': String(9000 + day),
      event: 'schedule',
      repository: 'octo-org/keepalive-demo',
      nonce: `demo-${day}`,
    };
    entries.push(JSON.stringify(run));
  }
  await admin.call('DEL', 'upstash-keepalive:history');
  await admin.call('LPUSH', 'upstash-keepalive:history', ...entries);
  admin.close();
}

const runs: [string, Inputs, (() => Promise<void>)?][] = [
  ['ping', { mode: 'ping' }],
  ['maintenance', { mode: 'maintenance' }],
  ['maintenance, again', { mode: 'maintenance' }],
  [
    'maintenance after three weeks of daily runs with a gap (history written as the tests do)',
    { mode: 'maintenance' },
    pastRuns,
  ],
  [
    'status with the read-only token: chart and missed runs',
    { mode: 'status', token: front.tokens.readOnly },
  ],
  [
    'status with max-missed-runs 2 (fails on purpose: 3 runs were missed)',
    { mode: 'status', 'max-missed-runs': '2' },
  ],
  ['a wrong token (fails on purpose)', { mode: 'ping', token: 'AXnotTheRightToken=' }],
  ['maintenance over redis://', { mode: 'maintenance', url: tcpUrl, token: '' }],
];

let unexpected = 0;
for (const [title, extra, prepare] of runs) {
  await prepare?.();
  const before = front.requests.length;
  const run = await runDist({ url: front.url, token: front.tokens.full, ...extra });
  const failsOnPurpose = title.includes('fails on purpose');
  if ((run.exitCode === 0) === failsOnPurpose) unexpected++;
  console.log(
    `━━━ ${title}: exit ${run.exitCode}, ${front.requests.length - before} HTTP request(s) to the REST front`,
  );
  console.log(run.stdout.trimEnd());
  if (run.stderr) console.log(run.stderr.trimEnd());
  console.log('outputs:');
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name}=${value}`);
  console.log('summary:');
  console.log(run.summary.replace(/^/gm, '  ').trimEnd());
  console.log();
}

await front.close();
await Promise.all([redis.stop(), tcp.stop()]);
if (unexpected > 0) {
  console.error(`${unexpected} run(s) did not end as expected`);
  process.exit(1);
}
console.log('All runs ended as expected.');
