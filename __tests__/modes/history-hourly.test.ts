// Regression test from an attack pass: what follows describes the defect as it was found.
// An hourly schedule (cron '17 * * * *') where GitHub starts one run late, as it does at busy
// times, and drops none. Every run happened, so no run was missed. But a run started 30 min or
// more late is either 1.5 h after the one before (a "gap" by the 1.5x rule), or less than
// SAME_RUN_MS (30 min) before the next one, which swallows it: the gap from the run before it to
// the next is then 2 h. Either way one run is counted as missed, and max-missed-runs 0 fails.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { useStack } from '../support/fixtures.ts';
import { entry, HOUR, seedHistory } from '../support/history.ts';
import { analyse } from '../../src/modes/history.ts';

const stack = useStack();
const MINUTE = 60_000;

/** 24 hourly runs at :17, the newest `newestAgo` ms before `now`; run `late` (hours ago) started `by` min late. */
function hourly(now: number, late: number, by: number): string[] {
  const newest = now - 10 * MINUTE;
  return Array.from(
    { length: 24 },
    (_, i) => newest - i * HOUR + (i === late ? by * MINUTE : 0),
  ).map((at) => entry(new Date(at)));
}

describe('analyse(): hourly runs, one started late, none dropped', () => {
  const now = Date.parse('2026-06-30T12:27:00.000Z');
  it.each([30, 35, 45])('a run %i min late: no run missed', (by) => {
    const facts = analyse(hourly(now, 6, by), new Date(now));
    expect(facts.missedRuns).toBe(0);
    expect(facts.gaps).toEqual([]);
  });
});

describe('status with max-missed-runs 0, an hourly schedule', () => {
  it('passes when one run was 35 min late and none was dropped', async () => {
    await seedHistory(stack.admin, 'upstash-keepalive:history', hourly(Date.now(), 6, 35));
    const run = await runInProcess({
      url: stack.front.url,
      token: stack.front.tokens.full,
      mode: 'status',
      'max-missed-runs': '0',
    });
    expect(run.outputs['missed-runs']).toBe('0');
    expect(run.exitCode).toBe(0);
  });
});
