// Alert issues for a fleet: every open alert issue is found (GitHub lists 100 a page at most), and
// one run opens a bounded number of issues, the rest told in one line.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { databaseUrl, databases, scheduled, useWorld, warningLines } from './world.ts';

const world = useWorld();

const fleetInputs = (json: string) => ({
  databases: json,
  'github-token': world.github.token,
  'alert-issue': 'true',
  'max-attempts': '1',
});

const opened = () =>
  world.github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues'));

/** `n` open alert issues, numbered 1 to n, issue `i` (1-based) about database i - 1. */
function openIssues(n: number): void {
  for (let number = 1; number <= n; number++) {
    const host = new URL(databaseUrl(world, number - 1)).host;
    world.github.issues.push({
      number,
      title: `Upstash keep-alive is failing: ${host}`,
      body: `<!-- upstash-keepalive: database=${host} -->\nFailing.`,
      labels: ['upstash-keepalive'],
      state: 'open',
      comments: [],
    });
  }
}

describe('the open alert issues, over several pages', () => {
  it('150 open issues: the one on the second page is found and commented, no duplicate', async () => {
    openIssues(150);
    // Newest first, 100 a page: issue #1 (database 0) is on page 2.
    const run = await runInProcess(fleetInputs(databases(world, 1, () => true)), scheduled(world));
    expect(run.exitCode).toBe(1);
    expect(opened()).toEqual([]);
    expect(world.github.issues[0]?.comments).toHaveLength(1);
    expect(run.stdout).toContain('Commented on alert issue #1.');
  });

  it('a page that cannot be read: no issue opened (it may exist), and a warning', async () => {
    openIssues(150);
    world.github.failIssuesPage = 2;
    const run = await runInProcess(fleetInputs(databases(world, 1, () => true)), scheduled(world));
    expect(opened()).toEqual([]);
    expect(warningLines(run.stdout).join('\n')).toMatch(
      /Looking for the alert issue failed \(HTTP 502/,
    );
  });
});

describe('a fleet failing at once', () => {
  it('50 failing databases: 10 issues opened, the 40 others in one line', async () => {
    const run = await runInProcess(fleetInputs(databases(world, 50, () => true)), scheduled(world));
    expect(run.exitCode).toBe(1);
    expect(opened()).toHaveLength(10);
    const line =
      '40 more failing databases have no alert issue: at most 10 are opened per run (see the results output for every database).';
    expect(run.stdout).toContain(line);
    expect(run.summary).toContain(line.slice(0, 40));
    // The next run opens the next ten, and comments on the first ten.
    await runInProcess(fleetInputs(databases(world, 50, () => true)), scheduled(world));
    expect(opened()).toHaveLength(20);
    expect(new Set(world.github.issues.map((i) => i.title)).size).toBe(20);
  });
});

describe('the webhook for a fleet failing at once', () => {
  it('1,000 failing databases: one message within 64 KB, the databases past the first told as a count', async () => {
    const run = await runInProcess(
      {
        databases: databases(world, 1000, () => true),
        'webhook-url': world.hook.url,
        'max-attempts': '1',
      },
      scheduled(world),
    );
    expect(run.exitCode).toBe(1);
    expect(world.hook.messages).toHaveLength(1);
    const [message = {}] = world.hook.messages;
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(64_000);
    const named = String(message.database).split(', ');
    expect(named[0]).toBe(new URL(databaseUrl(world, 0)).host);
    const more = /^and (\d+) more$/.exec(named.at(-1) ?? '');
    expect(Number(more?.[1]) + named.length - 1).toBe(1000);
    expect(String(message.text)).toMatch(/^❌ Upstash keep-alive failed for 127\.0\.0\.2:\d+, /);
    expect(String(message.error)).toMatch(/^1000 of 1000 databases failed: .*\(\d+ bytes more\)$/);
  });
});

describe('bounded writes and reads', () => {
  it('20 failing databases with open issues: 10 comments, the rest said in one line', async () => {
    openIssues(20);
    const run = await runInProcess(fleetInputs(databases(world, 20, () => true)), scheduled(world));
    expect(world.github.issues.filter((i) => i.comments.length > 0)).toHaveLength(10);
    expect(run.stdout).toContain(
      '10 more alert issues of failing databases were not commented on: at most 10 comments per run.',
    );
  });

  it('40 databases recovered: 30 issues closed, the rest left for the next run', async () => {
    openIssues(40);
    const run = await runInProcess(
      fleetInputs(databases(world, 40, () => false)),
      scheduled(world),
    );
    expect(world.github.issues.filter((i) => i.state === 'closed')).toHaveLength(30);
    expect(run.stdout).toContain(
      '10 more alert issues of recovered databases are left for the next run to close: at most 30 per run.',
    );
  });

  it('over 1,000 open alert issues: ten pages read, and no issue opened (it may be among the rest)', async () => {
    openIssues(1001);
    const run = await runInProcess(
      fleetInputs(databases(world, 1, (i) => i === 0)),
      scheduled(world),
    );
    const pages = world.github.requests.filter((r) => r.method === 'GET').map((r) => r.query.page);
    expect(pages).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(opened()).toEqual([]);
    expect(run.stdout).toContain(
      'Over 1000 open issues are labelled upstash-keepalive: no new alert issue is opened until some are closed.',
    );
  });
});
