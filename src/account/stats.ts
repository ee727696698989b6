// Proof from Upstash's side: the commands Upstash itself counted for each database, read from
// GET /v2/redis/stats/{id} after the run. Only numbers and days are taken from the answer, each
// checked; a database's stats that cannot be read are said, never a reason to fail the run.

import { KeepaliveError } from '../errors.js';
import { asKeepaliveError } from '../failures.js';
import { atMost } from '../pool.js';
import { outside } from '../safe-text.js';
import type { AnswerLimits, DeveloperApi } from './api.js';
import type { AccountDatabase } from './list.js';
import type { UpstashCounts } from './types.js';

/** Databases whose stats a run reads at most; beyond, a window that moves every day. */
export const MAX_STATS = 100;

/** Failures after which no more stats are asked for in the run. */
const GIVE_UP = 3;

/** Stats read at once: the Developer API's own rate limits are not documented. */
const AT_ONCE = 4;

/** A stats answer holds several series of a few dozen points: 1 MiB is far above one. */
const STATS_LIMITS: AnswerLimits = { maxBytes: 2 ** 20, maxElements: 100_000 };

const DAY_MS = 86_400_000;

/**
 * At most MAX_STATS of the items: all when they are fewer, else MAX_STATS from a start that moves
 * on by as many each day, so every database has its turn; the rest is skipped.
 */
export function statsWindow<T>(items: T[], now: Date): { read: T[]; skipped: T[] } {
  if (items.length <= MAX_STATS) return { read: items, skipped: [] };
  const start = (Math.floor(now.getTime() / DAY_MS) * MAX_STATS) % items.length;
  const taken = new Set<number>();
  for (let i = 0; i < MAX_STATS; i++) taken.add((start + i) % items.length);
  return {
    read: items.filter((_, i) => taken.has(i)),
    skipped: items.filter((_, i) => !taken.has(i)),
  };
}

/** A count: a whole number, not negative, not absurd. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e15
    ? Math.round(value)
    : undefined;
}

/** The UTC day of a point's x: "2026-11-21 00:00:00 +0000 UTC", an ISO time, or epoch ms. */
function dayOf(x: unknown): string | undefined {
  if (typeof x === 'string') return /^(\d{4}-\d\d-\d\d)(?:[ T]|$)/.exec(x.slice(0, 40))?.[1];
  if (typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1e14) {
    return new Date(x).toISOString().slice(0, 10);
  }
  return undefined;
}

/** What Upstash counted for one database, from its stats answer. */
export function countsOf(body: unknown, database: AccountDatabase, host: string, now: Date) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new KeepaliveError(
      'protocol',
      'its stats are not an object.',
      'transient, or the Developer API changed: the next run reads them again.',
    );
  }
  const record = body as Record<string, unknown>;
  const today = now.toISOString().slice(0, 10);
  const first = new Date(now.getTime() - 6 * DAY_MS).toISOString().slice(0, 10);
  const days = new Map<string, number>();
  const series = Array.isArray(record.dailyrequests) ? (record.dailyrequests as unknown[]) : [];
  for (const point of series.slice(-400)) {
    const { x, y } = (point ?? {}) as { x?: unknown; y?: unknown };
    const day = dayOf(x);
    const commands = count(y);
    if (day !== undefined && commands !== undefined && day >= first && day <= today) {
      days.set(day, commands);
    }
  }
  const daily = [...days]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, n]) => ({ day, commands: n }));
  const counts: UpstashCounts = {
    database: host,
    name: outside(database.name, 100),
    today: count(record.daily_net_commands) ?? days.get(today) ?? null,
    last7Days: daily.length > 0 ? daily.reduce((sum, d) => sum + d.commands, 0) : null,
    daily,
  };
  return counts;
}

export interface StatsRead {
  counts: UpstashCounts[];
  /** Hosts whose stats were not read: the bound. */
  skipped: string[];
  /** Why some could not be read, one line each. */
  failures: string[];
}

/** The stats of each target, AT_ONCE at a time, within the API's budget. */
export async function readStats(
  api: DeveloperApi,
  targets: { host: string; database: AccountDatabase }[],
  now: Date,
): Promise<StatsRead> {
  const { read, skipped } = statsWindow(targets, now);
  const failures: string[] = [];
  const found = await atMost(read, AT_ONCE, async ({ host, database }) => {
    // The API down or refusing: after a few failures the others are not asked, within the budget.
    if (failures.length >= GIVE_UP) {
      failures.push(`${host}: Upstash's counts were not asked for, after ${GIVE_UP} failures.`);
      return [];
    }
    try {
      const body = await api.json(`/redis/stats/${database.id}`, STATS_LIMITS);
      return [countsOf(body, database, host, now)];
    } catch (thrown) {
      const error = asKeepaliveError(thrown);
      failures.push(`${host}: Upstash's counts could not be read: ${error.describe()}`);
      return [];
    }
  });
  return { counts: found.flat(), skipped: skipped.map((t) => t.host), failures };
}
