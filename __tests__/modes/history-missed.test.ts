// Missed runs in a history whose intervals drift, as GitHub's scheduled runs do (started minutes
// late, never on the dot): one dropped daily run leaves a gap of about 48 h, a little under or
// over, and must count as one missed run. analyse() itself, then status end to end with
// max-missed-runs, its outputs, log line and summary agreeing.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { useStack } from '../support/fixtures.ts';
import { entry, HOUR, seedHistory } from '../support/history.ts';
import { analyse } from '../../src/modes/history.ts';

const stack = useStack();
const DAY = 24 * HOUR;
const MINUTE = 60_000;
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

/** Each day's start, minutes from the scheduled time: within ± 30 min. */
const JITTER = [3, -12, 25, -30, 8, 17, -21, 30, -5, 14, -27, 6, 22, -16, 0, 28, -9, 11, -24, 19];

/** 20 daily runs, the newest an hour ago, each off by its JITTER; `dropped`: days ago missing. */
function drifting(now: number, dropped: number[] = []): string[] {
  return JITTER.map((minutes, day) => ({ day, at: now - HOUR - day * DAY + minutes * MINUTE }))
    .filter(({ day }) => !dropped.includes(day))
    .map(({ at }) => entry(new Date(at)));
}

describe('analyse(): daily runs drifting by up to 30 min', () => {
  const now = Date.parse('2026-06-30T12:00:00.000Z');
  const facts = (dropped: number[]) => analyse(drifting(now, dropped), new Date(now));

  it('none dropped: no gap, no missed run; the usual interval is about a day', () => {
    expect(facts([])).toMatchObject({ medianIntervalHours: 23.7, gaps: [], missedRuns: 0 });
  });

  it('one dropped, its gap under 48 h: one missed run', () => {
    const one = facts([4]);
    expect(one.gaps).toHaveLength(1);
    expect(one.gaps[0]?.hours).toBeLessThan(48); // 47.2 h: the days around it started early, late
    expect(one.gaps[0]?.missed).toBe(1);
    expect(one.missedRuns).toBe(1);
  });

  it('one dropped whatever the drift: each of days 1 to 18 alone gives one missed run', () => {
    for (let day = 1; day <= 18; day++) expect(facts([day]).missedRuns, `day ${day}`).toBe(1);
  });

  it('two dropped, together or apart: two missed runs', () => {
    expect(facts([4, 5])).toMatchObject({ missedRuns: 2 });
    expect(facts([4, 5]).gaps.map((g) => g.missed)).toEqual([2]);
    expect(facts([4, 11])).toMatchObject({ missedRuns: 2 });
    expect(facts([4, 11]).gaps.map((g) => g.missed)).toEqual([1, 1]);
  });

  it('a gap starts at 1.5 times the usual interval: 36 h counts one missed run, 35.5 h none', () => {
    const at = (hoursAgo: number) => entry(new Date(now - hoursAgo * HOUR));
    const usual = [0, 24, 48, 72, 96].map((h) => h + 1);
    const since = (hours: number) => analyse(usual.map(at), new Date(now + (hours - 1) * HOUR));
    expect(since(36)).toMatchObject({ missedRuns: 1, gaps: [{ to: undefined, hours: 36 }] });
    expect(since(35.5)).toMatchObject({ missedRuns: 0, gaps: [] });
  });
});

describe('status with max-missed-runs 0, daily runs drifting', () => {
  const seed = (dropped: number[]) =>
    seedHistory(stack.admin, 'upstash-keepalive:history', drifting(Date.now(), dropped));

  it('one dropped run fails it; the error, outputs, log line and summary say one', async () => {
    await seed([4]);
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ 'missed-runs': '1', 'median-interval-hours': '24' });
    expect(run.outputs.error).toMatch(
      /^1 run was missed in the last 19 \(usual interval 24 h\), more than input 'max-missed-runs' 0: .*, 47\.2 h: about 1 run missed\./,
    );
    expect(run.summary).toMatch(/- Gap: .*, 47\.2 h: about 1 run missed/);
    const plain = await runInProcess(full({ mode: 'status' })); // the log line of a passing run
    expect(plain.stdout).toMatch(/usual 24 h, 1 gap \(1 run missed\)/);
  });

  it('none dropped passes it; two dropped fail it with two', async () => {
    await seed([]);
    const ok = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(ok.outputs).toMatchObject({ error: '', 'missed-runs': '0' });
    expect(ok.summary).toMatch(/No missed runs\./);
    await seed([4, 11]);
    const two = await runInProcess(full({ mode: 'status', 'max-missed-runs': '1' }));
    expect(two.exitCode).toBe(1);
    expect(two.outputs.error).toMatch(/^2 runs were missed in the last 18 /);
    expect(two.summary.match(/- Gap: .*: about 1 run missed/g)).toHaveLength(2);
  });
});
