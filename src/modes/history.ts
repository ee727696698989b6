// The history of runs the maintenance keeps in `<prefix>:history`, newest first: what it holds,
// and what it tells — the usual interval between runs, and the runs that did not happen
// (GitHub delays and drops scheduled runs at busy times, and disables quiet schedules).
//
// Anyone who can write under the prefix can write entries, so what is read is checked before it
// counts (history-entry.ts): an entry that is not one the keep-alive writes is left out; so is
// one dated in the future, which no run can have written.

import { parseEntry, type HistoryEntry } from './history-entry.js';

/**
 * An interval between two runs in which at least one run is missing: from 1.5 times the usual
 * interval, the midpoint at which round(hours / usual) - 1 counts one. A single dropped run
 * leaves about twice the usual interval, a little less when the runs around it drift.
 */
export interface Gap {
  from: string;
  /** The run that ended it, or undefined for the time since the last run. */
  to: string | undefined;
  hours: number;
  /** Runs that would have fitted in it at the usual interval. */
  missed: number;
}

export interface HistoryFacts {
  /** Entries read: every one that could be read, from the past. */
  kept: number;
  /**
   * Those entries, newest first, only when asked for (the command line's --json prints them).
   * A fleet's reports would otherwise hold every database's history until the run ends: 90,000
   * entries for 1,000 databases, most of the memory a fleet's maintenance took.
   */
  entries?: HistoryEntry[];
  /** Entries that are not the keep-alive's (see parseEntry), left out. */
  unreadable: number;
  /** Entries dated later than now and the clock allowance, left out. */
  future: number;
  /** Entries less than SAME_RUN_MS before a newer one, counted as that run. */
  merged: number;
  /** The times of the runs counted, newest first: what the figures and the chart are made of. */
  runs: string[];
  medianIntervalHours: number | undefined;
  longestGapHours: number | undefined;
  gaps: Gap[];
  missedRuns: number;
}

/** How far ahead of this runner's clock a stored time may be before it counts as wrong. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The time the history and the record's ages are measured from: the runner's clock, or the time
 * the database stamped on this run's own write when that is later. The database's clock stamps
 * every entry; a runner whose clock is behind it must not find what it just wrote in the future.
 */
export function asOf(now: Date, written: string | undefined): Date {
  const stamped = written === undefined ? NaN : Date.parse(written);
  return stamped > now.getTime() ? new Date(stamped) : now;
}

/**
 * Runs closer together than this count as one run. Two keep-alives on one database (two
 * repositories, or the command line as a spare, at the same minute), or a few runs started by
 * hand in a row, keep the database alive no better than one run does; counted apart, their
 * intervals of seconds would become the usual interval, and every day would be a gap of
 * thousands of "missed" runs. 30 minutes is above the spread of such doubles; for a schedule of
 * a few hours or less, a fifth of its usual interval is used instead (an hourly run 45 minutes
 * late is a run, not a double of the next).
 */
export const SAME_RUN_MS = 30 * 60_000;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const HOUR = 3_600_000;
const round = (hours: number) => Math.round(hours * 10) / 10;

/** The runs, newest first: an entry less than `within` ms before the last run kept joins it. */
function runsOf(entries: HistoryEntry[], within: number): string[] {
  const runs: string[] = [];
  let kept = Infinity;
  for (const { at } of entries) {
    const t = Date.parse(at);
    if (kept - t < within) continue;
    runs.push(at);
    kept = t;
  }
  return runs;
}

/** The runs and their intervals (hours, newest first), doubles merged (see SAME_RUN_MS). */
function runsAndIntervals(entries: HistoryEntry[]) {
  const measure = (within: number) => {
    const runs = runsOf(entries, within);
    const times = runs.map((at) => Date.parse(at));
    const intervals = times.slice(1).map((t, i) => ((times[i] ?? t) - t) / HOUR);
    return { runs, intervals, usual: intervals.length >= 2 ? median(intervals) : undefined };
  };
  const first = measure(SAME_RUN_MS);
  const within = first.usual === undefined ? SAME_RUN_MS : (first.usual * HOUR) / 5;
  return within < SAME_RUN_MS ? measure(within) : first;
}

/**
 * Runs missed in each interval: round(hours / usual) - 1, from 1.5 times the usual interval. A
 * long interval beside a short one (half the usual or less) is a run started late or early, not a
 * run missed: the two are counted together.
 */
function missedIn(intervals: number[], usual: number): number[] {
  const missed = intervals.map((hours) => Math.max(0, Math.round(hours / usual) - 1));
  const short = intervals.map((hours) => hours <= usual / 2);
  for (let i = 0; i < intervals.length; i++) {
    if ((missed[i] ?? 0) < 1) continue;
    const beside = [i - 1, i + 1].find((j) => short[j] === true);
    if (beside === undefined) continue;
    const together = ((intervals[i] ?? 0) + (intervals[beside] ?? 0)) / usual;
    missed[i] = Math.max(0, Math.round(together) - 2);
    short[beside] = false;
  }
  return missed;
}

/**
 * What the history tells, as of `now`. The usual interval is the median of the intervals between
 * consecutive runs (at least two intervals are needed); a gap is an interval of 1.5 times it or
 * more (see Gap) — between two runs, or since the last run until now. The entries themselves are
 * kept in the facts only with `keepEntries`.
 */
export function analyse(raw: unknown[], now: Date, keepEntries = false): HistoryFacts {
  const parsed = raw
    .map((r) => parseEntry(r, keepEntries))
    .filter((e): e is HistoryEntry => e !== undefined);
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const entries = parsed
    .filter((e) => Date.parse(e.at) <= latest)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const { runs, intervals, usual } = runsAndIntervals(entries);
  // Each span: from a run to the next one, and from the last run to now (never below 0).
  const spans: { from: string; to: string | undefined; hours: number }[] = [
    ...runs.slice(0, 1).map((from) => ({
      from,
      to: undefined,
      hours: Math.max(0, now.getTime() - Date.parse(from)) / HOUR,
    })),
    ...intervals.map((hours, i) => ({ from: runs[i + 1] ?? '', to: runs[i], hours })),
  ];
  // The span since the last run, then the intervals, newest first.
  const missed =
    usual === undefined
      ? []
      : [
          Math.max(0, Math.round((spans[0]?.hours ?? 0) / usual) - 1),
          ...missedIn(intervals, usual),
        ];
  const gaps: Gap[] = spans
    .map((span, i) => ({ ...span, hours: round(span.hours), missed: missed[i] ?? 0 }))
    .filter((gap) => gap.missed >= 1);
  return {
    kept: entries.length,
    ...(keepEntries ? { entries } : {}),
    unreadable: raw.length - parsed.length,
    future: parsed.length - entries.length,
    merged: entries.length - runs.length,
    runs,
    medianIntervalHours: usual === undefined ? undefined : round(usual),
    longestGapHours: spans.length > 0 ? round(Math.max(...spans.map((s) => s.hours))) : undefined,
    gaps,
    missedRuns: gaps.reduce((sum, g) => sum + g.missed, 0),
  };
}

/** "2026-11-04 03:17 → 2026-11-07 03:20, 72.1 h: about 2 runs missed". */
export function describeGap(gap: Gap): string {
  const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  const end = gap.to === undefined ? 'now (no run since)' : short(gap.to);
  const runs = `about ${gap.missed} run${gap.missed === 1 ? '' : 's'} missed`;
  return `${short(gap.from)} → ${end}, ${gap.hours} h: ${runs}`;
}

/** "2 entries not written by the keep-alive left out, 1 entry dated in the future left out". */
export function leftOut(facts: HistoryFacts): string | undefined {
  const count = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  const parts = [
    ...(facts.unreadable > 0 ? [`${count(facts.unreadable)} not written by the keep-alive`] : []),
    ...(facts.future > 0 ? [`${count(facts.future)} dated in the future`] : []),
  ];
  return parts.length === 0 ? undefined : `${parts.join(', ')} left out`;
}
