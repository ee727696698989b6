// The schedule warning's webhook message and issue go out once: from one job of a matrix only,
// even when the alert issue cannot be opened, and from the first run past warn-after-days only,
// whatever the mode and whichever database answered.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import {
  DAY_MS,
  HOUR_MS,
  databases,
  isoAgo,
  payload,
  scheduled,
  useWorld,
  warningLines,
  warningsSent,
} from './world.ts';

const world = useWorld();
const CURRENT_RUN = 1234567890; // RUNNER_ENV's GITHUB_RUN_ID

const inputs = (extra: Inputs = {}): Inputs => ({
  url: world.front.url,
  token: world.front.tokens.full,
  'github-token': world.github.token,
  'webhook-url': world.hook.url,
  ...extra,
});

/** The previous maintenance of `prefix`, as a run `ms` ago left it. */
async function maintainedAgo(prefix: string, ms: number): Promise<void> {
  await world.admin.call('SET', `${prefix}:last-maintenance`, isoAgo(ms));
}

/** The schedule's look-ups of the workflow's runs (the webhook's recovery check filters by status). */
const runsListed = () =>
  world.github.requests.filter(
    (r) => r.path.endsWith('/actions/workflows/keepalive.yml/runs') && !r.query.status,
  );

describe('a matrix of shards', () => {
  it('only shard 1 sends the schedule warning, opens its issue and re-arms', async () => {
    const fleet = databases(world, 4, () => false);
    const shard = async (k: number, extra: Inputs = {}) => {
      await maintainedAgo(`shard${k}`, DAY_MS);
      return runInProcess(
        { ...inputs({ url: '', token: '', databases: fleet }), shard: `${k}/4`, ...extra },
        scheduled(world, payload(world, 50.5)),
      );
    };
    // Shards 2 to 4 first: none of them may act on the schedule, though each warns in its log.
    for (const k of [2, 3, 4]) {
      const run = await shard(k, { 'key-prefix': `shard${k}`, 'alert-issue': 'true' });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['schedule-warning']).toBe('true');
      expect(run.stdout).toContain('The schedule is looked after by shard 1/4');
    }
    expect(warningsSent(world)).toBe(0);
    expect(world.github.issues).toEqual([]);
    const first = await shard(1, { 'key-prefix': 'shard1', 'alert-issue': 'true' });
    expect(first.exitCode).toBe(0);
    expect(warningsSent(world)).toBe(1);
    expect(world.github.issues.map((i) => i.title)).toEqual([
      'Upstash keep-alive: GitHub will soon disable this schedule',
    ]);
  });

  it('shard 2 does not re-arm the workflow; shard 1 does', async () => {
    const fleet = databases(world, 2, () => false);
    const rearm = { url: '', token: '', databases: fleet, 'keep-workflow-alive': 'true' };
    const second = await runInProcess(
      inputs({ ...rearm, shard: '2/2', 'webhook-url': '' }),
      scheduled(world, payload(world, 90)),
    );
    expect(second.outputs['workflow-rearmed']).toBe('false');
    expect(world.github.requests).toEqual([]);
    const first = await runInProcess(
      inputs({ ...rearm, shard: '1/2', 'webhook-url': '' }),
      scheduled(world, payload(world, 90)),
    );
    expect(first.outputs['workflow-rearmed']).toBe('true');
  });
  it('refused inputs: the configuration issue is opened by shard 1 only', async () => {
    const refused = (k: number) =>
      runInProcess(
        inputs({ url: '', 'alert-issue': 'true', 'webhook-url': '', shard: `${k}/2` }),
        scheduled(world),
      );
    expect((await refused(2)).exitCode).toBe(1);
    expect(world.github.issues).toEqual([]);
    await refused(1);
    expect(world.github.issues.map((i) => i.title)).toEqual([
      'Upstash keep-alive is failing: its configuration',
    ]);
  });
});

describe('alert-issue on, but the token may not open issues', () => {
  it('the webhook still hears the warning once, and a warning names issues: write', async () => {
    world.github.deny.add('create-issue');
    await maintainedAgo('upstash-keepalive', DAY_MS);
    const first = await runInProcess(
      inputs({ 'alert-issue': 'true' }),
      scheduled(world, payload(world, 50.5)),
    );
    expect(first.exitCode).toBe(0);
    expect(warningsSent(world)).toBe(1);
    expect(warningLines(first.stdout).join('\n')).toMatch(
      /disable this schedule" failed \(HTTP 403.*`permissions: issues: write`/,
    );
    // The next run, an hour later: the first run past the threshold was the one before.
    await runInProcess(inputs({ 'alert-issue': 'true' }), scheduled(world, payload(world, 50.55)));
    expect(warningsSent(world)).toBe(1);
  });
});

describe('the previous run, when the database does not tell it', () => {
  it('ping: the workflow’s previous run, from one GitHub request, decides (hourly runs: one message)', async () => {
    const ping = inputs({ mode: 'ping' });
    // The previous run was a day ago, under the threshold: this run is the first past it.
    world.github.runs.push({ id: CURRENT_RUN, conclusion: null, status: 'in_progress' });
    world.github.runs.push({ id: 1000, conclusion: 'success', created_at: isoAgo(DAY_MS) });
    const first = await runInProcess(ping, scheduled(world, payload(world, 50.1)));
    expect(first.exitCode).toBe(0);
    expect(warningsSent(world)).toBe(1);
    expect(runsListed().map((r) => r.query.per_page)).toEqual(['2']);
    // Then hourly: the previous run was already past the threshold.
    for (const hours of [1, 2, 3]) {
      world.github.runs.splice(1, 1, {
        id: 1000 + hours,
        conclusion: 'success',
        created_at: isoAgo(HOUR_MS),
      });
      await runInProcess(ping, scheduled(world, payload(world, 50.1 + hours / 24)));
    }
    expect(warningsSent(world)).toBe(1);
  });

  it('the first run this workflow ever made past the threshold sends it', async () => {
    world.github.runs.push({ id: CURRENT_RUN, conclusion: null, status: 'in_progress' });
    await runInProcess(inputs({ mode: 'ping' }), scheduled(world, payload(world, 52)));
    expect(warningsSent(world)).toBe(1);
  });

  it('the first database failing: another database that answered tells, without a GitHub call', async () => {
    // Both databases are one Redis: the second answers with the maintenance of an hour ago.
    await maintainedAgo('upstash-keepalive', HOUR_MS);
    const fleet = databases(world, 2, (i) => i === 0);
    const run = await runInProcess(
      inputs({ url: '', token: '', databases: fleet, 'fail-on': 'all', 'max-attempts': '1' }),
      scheduled(world, payload(world, 50.5)),
    );
    expect(run.exitCode).toBe(0);
    expect(warningsSent(world)).toBe(0);
    expect(runsListed()).toEqual([]);
  });

  it('without actions: read, the first day past the threshold sends it, and a warning says why', async () => {
    world.github.deny.add('runs');
    const run = await runInProcess(
      inputs({ mode: 'ping' }),
      scheduled(world, payload(world, 50.5)),
    );
    expect(warningsSent(world)).toBe(1);
    expect(warningLines(run.stdout).join('\n')).toMatch(/`permissions: actions: read`/);
  });

  it('a normal maintenance run with its previous run in the database makes no GitHub request', async () => {
    await maintainedAgo('upstash-keepalive', DAY_MS);
    world.github.runs.push({ id: 2222, conclusion: 'success' });
    await runInProcess(inputs(), scheduled(world, payload(world, 50.5)));
    expect(warningsSent(world)).toBe(1);
    // The only request: whether the previous run failed (a recovery), as before.
    expect(world.github.requests.map((r) => r.query.status)).toEqual(['completed']);
  });
});
