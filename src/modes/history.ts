// The history of runs the maintenance keeps in `<prefix>:history`, newest first: what it holds,
// and what it tells — the usual interval between runs, and the runs that did not happen
// (GitHub delays and drops scheduled runs at busy times, and disables quiet schedules).

import { outside } from '../safe-text.js';

/** One maintenance run, as the script wrote it (time from the database's clock). */
interface HistoryEntry {
  at: string;
  outcome: string;
  'run-id': string;
  event: string;
  repository: string;
}

/** An interval between two runs longer than twice the usual one. */
export interface Gap {
  from: string;
  /** The run that ended it, or undefined for the time since the last run. */
  to: string | undefined;
  hours: number;
  /** Runs that would have fitted in it at the usual interval. */
  missed: number;
}

export interface HistoryFacts {
  entries: HistoryEntry[];
  /** Entries that could not be read (not the keep-alive's JSON), left out. */
  unreadable: number;
  medianIntervalHours: number | undefined;
  longestGapHours: number | undefined;
  gaps: Gap[];
  missedRuns: number;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** One stored entry, or undefined when it is not one the keep-alive wrote. */
function parseEntry(raw: unknown): HistoryEntry | undefined {
  if (typeof raw !== 'string' || raw.length > 2_000) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const at = record.at;
  if (typeof at !== 'string' || !ISO.test(at) || Number.isNaN(Date.parse(at))) return undefined;
  const text = (key: string) => outside(typeof record[key] === 'string' ? record[key] : '', 100);
  return {
    at,
    outcome: text('outcome'),
    'run-id': text('run-id'),
    event: text('event'),
    repository: text('repository'),
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const HOUR = 3_600_000;
const round = (hours: number) => Math.round(hours * 10) / 10;

/**
 * What the history tells, as of `now`. The usual interval is the median of the intervals between
 * consecutive runs (at least two intervals are needed); a gap is an interval longer than twice
 * it — between two runs, or since the last run until now.
 */
export function analyse(raw: unknown[], now: Date): HistoryFacts {
  const parsed = raw.map(parseEntry);
  const entries = parsed
    .filter((e): e is HistoryEntry => e !== undefined)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const times = entries.map((e) => Date.parse(e.at));
  const intervals = times.slice(1).map((t, i) => ((times[i] ?? t) - t) / HOUR);
  const usual = intervals.length >= 2 ? median(intervals) : undefined;
  // Each span: from a run to the next one, and from the last run to now.
  const spans: { from: string; to: string | undefined; hours: number }[] =
    entries.length === 0
      ? []
      : [
          {
            from: entries[0]?.at ?? '',
            to: undefined,
            hours: (now.getTime() - (times[0] ?? 0)) / HOUR,
          },
          ...intervals.map((hours, i) => ({
            from: entries[i + 1]?.at ?? '',
            to: entries[i]?.at,
            hours,
          })),
        ];
  const gaps: Gap[] =
    usual === undefined || usual <= 0
      ? []
      : spans
          .filter((span) => span.hours > 2 * usual)
          .map((span) => ({
            ...span,
            hours: round(span.hours),
            missed: Math.round(span.hours / usual) - 1,
          }));
  return {
    entries,
    unreadable: parsed.length - entries.length,
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
