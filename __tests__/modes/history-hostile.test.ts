// The history against what anyone may have left in it: an entry from the future, two writers on
// one database (or runs clicked in a row), a date that does not exist. Each against a real
// redis-server behind the REST front, the action and the command line run in process; analyse()
// itself at the end. Large foreign values: history-large.test.ts.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { useStack } from '../support/fixtures.ts';
import { entry, HOUR, seedHistory } from '../support/history.ts';
import { text } from '../support/resp.ts';
import { analyse } from '../../src/modes/history.ts';

const stack = useStack();
const KEY = 'upstash-keepalive:history';
const DAY = 24 * HOUR;
const env = () => ({
  UPSTASH_REDIS_REST_URL: stack.front.url,
  UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
});
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

/** Replaces the history with these entries, newest first. */
const seed = (entries: string[]) => seedHistory(stack.admin, KEY, entries);

/** Two keep-alives on one database, 30 s apart, daily for `days` days (days in `skipped` none). */
function twoWriters(days: number, skipped: number[] = []): string[] {
  const now = Date.now() - 60_000;
  return Array.from({ length: days }, (_, d) => d)
    .filter((d) => !skipped.includes(d))
    .flatMap((d) => [entry(new Date(now - d * DAY)), entry(new Date(now - d * DAY - 30_000))]);
}

describe('an entry from the future', () => {
  it('does not fail later maintenance runs, and is left out of the figures, said so', async () => {
    const ahead = new Date(Date.now() + DAY).toISOString();
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', ahead);
    await seed([entry(ahead, { nonce: 'someone-else' })]);
    for (const count of ['1', '2']) {
      const run = await runInProcess(full({ mode: 'maintenance' }));
      expect(run.outputs.error).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs['maintenance-count']).toBe(count);
      expect(run.outputs['runs-in-history']).toBe(count);
      expect(run.stdout).toMatch(/1 entry dated in the future left out/);
      expect(run.summary).toMatch(/1 entry dated in the future left out/);
    }
    const newest = JSON.parse(text(await stack.admin.call('LINDEX', KEY, '0'))) as { at: string };
    expect(newest.at).toBe(
      text(await stack.admin.call('GET', 'upstash-keepalive:last-maintenance')),
    );
  });

  it('a far-future entry does not make a gap: status with max-missed-runs 0 passes', async () => {
    const days = Array.from({ length: 10 }, (_, i) =>
      entry(new Date(Date.now() - 60_000 - i * DAY)),
    );
    await seed([entry('9999-12-31T23:59:59.999Z'), ...days]);
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(run.outputs.error).toBe('');
    expect(run.outputs).toMatchObject({ 'runs-in-history': '10', 'missed-runs': '0' });
    expect(Number(run.outputs['longest-gap-hours'])).toBeLessThan(25);
  });

  it('maintenance still fails when the entry it pushed is not the one read back', async () => {
    stack.front.intercept = async (request, response, index) => {
      if (index !== 0) return false; // the forwarded request itself: the front answers it
      const real = await fetch(`${stack.front.url}${request.path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${stack.front.tokens.full}`,
          'upstash-encoding': 'base64',
        },
        body: request.body,
      });
      const body = (await real.json()) as { result: unknown[] }[];
      const history = body[0]?.result[7] as string[]; // base64, as the client asked
      const pushed = JSON.parse(Buffer.from(history[0] ?? '', 'base64').toString()) as object;
      const forged = JSON.stringify({ ...pushed, nonce: 'another-run' });
      history[0] = Buffer.from(forged).toString('base64');
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return true;
    };
    const run = await runInProcess(full({ mode: 'maintenance', 'max-attempts': '1' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /^Verification failed: upstash-keepalive:history newest entry/,
    );
  });
});

describe('two writers on one database, or runs clicked in a row', () => {
  it('two keep-alives 30 s apart daily: usual interval 24 h, no missed run', async () => {
    await seed(twoWriters(45));
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(run.outputs.error).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'median-interval-hours': '24', 'missed-runs': '0' });
    expect(run.summary).toMatch(/```mermaid[\s\S]*line \[(24(, )?)+\]/);
  });

  it('five runs clicked within minutes on day one, then daily runs: usual 24 h', async () => {
    const now = Date.now() - 60_000;
    const daily = Array.from({ length: 3 }, (_, i) => entry(new Date(now - i * DAY)));
    const clicks = [0, 1, 2, 4, 6].map((m) => entry(new Date(now - 3 * DAY - m * 60_000)));
    await seed([...daily, ...clicks]);
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(run.outputs.error).toBe('');
    expect(run.outputs).toMatchObject({ 'median-interval-hours': '24', 'missed-runs': '0' });
  });

  it('a day skipped: the log line, the outputs, the summary, the check and the command line agree', async () => {
    await seed(twoWriters(10, [3, 4]));
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs).toMatchObject({ 'median-interval-hours': '24', 'missed-runs': '2' });
    expect(run.stdout).toMatch(/usual 24 h, 1 gap \(2 runs missed\)/);
    expect(run.stdout).not.toMatch(/\d+ missed\b/);
    expect(run.summary).toMatch(/- Gap: .*72 h: about 2 runs missed/);
    const failing = await runInProcess(full({ mode: 'status', 'max-missed-runs': '1' }));
    expect(failing.outputs.error).toMatch(
      /^2 runs were missed in the last \d+ \(usual interval 24 h\)/,
    );
    const line = await runCommand(['status'], env());
    expect(line.stdout).toMatch(/usual 24 h, 1 gap \(2 runs missed\)/);
    const json = await runCommand(['status', '--json'], env());
    const answer = JSON.parse(json.stdout) as { databases: Record<string, unknown>[] };
    expect(answer.databases[0]).toMatchObject({ 'missed-runs': 2, 'median-interval-hours': 24 });
  });
});

describe('what is said of a history with nothing to count', () => {
  it('only an entry from the future: the summary and the log say it was left out', async () => {
    await seed([entry(new Date(Date.now() + DAY))]);
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs).toMatchObject({ error: '', 'runs-in-history': '0' });
    expect(run.summary).toMatch(
      /\*\*History:\*\* no run kept; 1 entry dated in the future left out\./,
    );
    expect(run.stdout).toMatch(/history: 1 entry dated in the future left out/);
  });

  it('one run: the log line says one run and no interval yet', async () => {
    await seed([entry(new Date(Date.now() - HOUR))]);
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.stdout).toMatch(/history of 1 run: no interval yet/);
  });
});

describe('dates that do not exist', () => {
  it('2026-02-31 is left out, not read as 3 March', async () => {
    await seed([
      entry('2026-03-02T00:00:00.000Z'),
      entry('2026-03-01T00:00:00.000Z'),
      entry('2026-02-31T00:00:00.000Z'),
    ]);
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs['runs-in-history']).toBe('2');
    expect(run.stdout).toMatch(/1 entry not written by the keep-alive left out/);
  });
});

describe('analyse()', () => {
  const now = new Date('2026-06-30T12:00:00.000Z');
  const at = (hoursAgo: number) => entry(new Date(now.getTime() - hoursAgo * HOUR));

  it('leaves out what is not a real time, and what lies beyond the clock allowance', () => {
    const facts = analyse(
      [
        at(-0.05),
        at(-1),
        at(0),
        '{"at":"2026-02-29T00:00:00.000Z"}',
        '{"at":"2026-13-01T00:00:00.000Z"}',
      ],
      now,
      true,
    );
    expect(facts.kept).toBe(2);
    expect(facts.entries?.map((e) => e.at)).toEqual([
      '2026-06-30T12:03:00.000Z',
      '2026-06-30T12:00:00.000Z',
    ]);
    expect(facts).toMatchObject({ unreadable: 2, future: 1 });
  });

  it('runs less than 30 minutes apart count as one; no usual interval from them alone', () => {
    const burst = analyse(
      Array.from({ length: 20 }, (_, i) => at(i / 3_600_000)),
      now,
    );
    expect(burst).toMatchObject({ medianIntervalHours: undefined, missedRuns: 0, gaps: [] });
    const pairs = analyse([0, 0.01, 24, 24.01, 48, 48.01, 120, 120.01].map(at), now);
    expect(pairs).toMatchObject({ medianIntervalHours: 24, missedRuns: 2, merged: 4 });
    expect(pairs.gaps.map((g) => g.missed)).toEqual([2]);
  });
});
