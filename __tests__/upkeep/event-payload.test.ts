// The event payload at GITHUB_EVENT_PATH is read with care: only a regular file of bounded size,
// only the `pushed_at` shapes GitHub writes (an ISO 8601 date-time; epoch seconds in push events),
// only a boolean `private`; anything else is set aside for the GitHub API, saying why.

import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { DAY_MS, eventFile, scheduled, useWorld, warningLines } from './world.ts';

const world = useWorld();

const inputs = () => ({
  url: world.front.url,
  token: world.front.tokens.full,
  'github-token': world.github.token,
});

/** A scheduled run with this payload; the API says the last push was `apiDays` days ago. */
async function runWith(content: string, apiDays = 3) {
  world.github.pushedAt = new Date(Date.now() - apiDays * DAY_MS).toISOString();
  const env = eventFile(world, content);
  const run = await runInProcess(inputs(), scheduled(world, env));
  const asked = world.github.requests.map((r) => `${r.method} ${r.path}`);
  return { run, asked, file: env.GITHUB_EVENT_PATH ?? '' };
}

const repository = (fields: Record<string, unknown>) => JSON.stringify({ repository: fields });
const ago = (days: number) => Date.now() - days * DAY_MS;

describe('pushed_at', () => {
  it.each([
    ['the schedule payload’s ISO string', new Date(ago(55)).toISOString()],
    ['an ISO string with an offset', new Date(ago(55)).toISOString().replace('Z', '+00:00')],
    ['the push payload’s epoch seconds', Math.floor(ago(55) / 1000)],
  ])('%s is read', async (_, pushedAt) => {
    const { run, asked } = await runWith(repository({ pushed_at: pushedAt, private: false }));
    expect(run.outputs['days-since-activity']).toBe('55');
    expect(asked).toEqual([]);
  });

  it.each([
    ['"1"', '1'],
    ['"2026"', '2026'],
    ['"May 5"', 'May 5'],
    ['a date without a time', '2026-01-05'],
    ['a day that does not exist', '2026-02-31T00:00:00Z'],
    ['epoch seconds as a string', String(Math.floor(ago(55) / 1000))],
    ['a fractional number', ago(55) / 1000 + 0.5],
    ['epoch second 1', 1],
    ['a time before GitHub existed', '1970-01-01T00:00:01Z'],
  ])('%s is not a time: the API is asked', async (_, pushedAt) => {
    const { run, asked } = await runWith(repository({ pushed_at: pushedAt, private: false }));
    expect(asked).toEqual(['GET /repos/octo-org/keepalive-demo']);
    expect(run.outputs['days-since-activity']).toBe('3');
  });
});

describe('private', () => {
  it('only the boolean true makes the repository private; the string "true" is asked about', async () => {
    world.github.private = true;
    const { run, asked } = await runWith(
      repository({ pushed_at: new Date(ago(55)).toISOString(), private: 'true' }),
      55,
    );
    expect(asked).toEqual(['GET /repos/octo-org/keepalive-demo']);
    expect(run.outputs['schedule-warning']).toBe('false');
    expect(run.stdout).toContain('This repository is private');
  });
});

describe('the file itself', () => {
  it('invalid JSON: a warning naming the file, and the last push read from the API', async () => {
    const { run, asked, file } = await runWith('{"repository":');
    expect(asked).toEqual(['GET /repos/octo-org/keepalive-demo']);
    expect(run.outputs['days-since-activity']).toBe('3');
    const warnings = warningLines(run.stdout).join('\n');
    expect(warnings).toContain(
      `The event payload (GITHUB_EVENT_PATH ${file}) is not valid JSON: the last push is read from the GitHub API instead.`,
    );
    expect(warnings).not.toContain('Unexpected end of JSON input');
  });

  it('a FIFO is not read (a read could wait forever): the API is asked', async () => {
    const fifo = path.join(world.dir, 'event-fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer that would hand a reader a payload 55 days old: reading the FIFO would take it.
    const stale = repository({ pushed_at: new Date(ago(55)).toISOString(), private: false });
    const writer = spawn(process.execPath, [
      '-e',
      `require('node:fs').writeFileSync(${JSON.stringify(fifo)}, ${JSON.stringify(stale)})`,
    ]);
    try {
      world.github.pushedAt = new Date(ago(3)).toISOString();
      const run = await runInProcess(inputs(), scheduled(world, { GITHUB_EVENT_PATH: fifo }));
      expect(run.outputs['days-since-activity']).toBe('3');
      expect(warningLines(run.stdout).join('\n')).toContain(
        `The event payload (GITHUB_EVENT_PATH ${fifo}) is not a regular file: the last push is read from the GitHub API instead.`,
      );
    } finally {
      writer.kill();
    }
  });

  it('a payload over 25 MiB is not read; one under it is', async () => {
    const pushed = new Date(ago(55)).toISOString();
    const padded = (bytes: number) =>
      JSON.stringify({ pad: 'x'.repeat(bytes), repository: { pushed_at: pushed, private: false } });
    const big = await runWith(padded(26 * 1024 * 1024));
    expect(big.asked).toEqual(['GET /repos/octo-org/keepalive-demo']);
    expect(warningLines(big.run.stdout).join('\n')).toMatch(
      /The event payload \(GITHUB_EVENT_PATH .*\) is over 25 MiB/,
    );
    world.github.requests.length = 0;
    const large = await runWith(padded(12 * 1024 * 1024));
    expect(large.asked).toEqual([]);
    expect(large.run.outputs['days-since-activity']).toBe('55');
  });
});
