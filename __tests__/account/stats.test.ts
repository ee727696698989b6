// Upstash's counts as read from a stats answer: only days and numbers are taken, each checked;
// and which databases a run reads them for, when there are more than it may.

import { describe, expect, it } from 'vitest';
import { readDatabases } from '../../src/account/list.ts';
import { countsOf, MAX_STATS, statsWindow } from '../../src/account/stats.ts';
import { apiDatabase } from '../support/upstash-api.ts';

const [database] = readDatabases([apiDatabase(1)], 'api').databases;
const now = new Date('2026-11-21T12:00:00Z');
const counts = (body: unknown) => countsOf(body, database ?? ({} as never), 'db.upstash.io', now);

describe('a stats answer', () => {
  it('reads today and the last 7 days of dailyrequests, in any of the time formats', () => {
    const c = counts({
      daily_net_commands: 4,
      dailyrequests: [
        { x: '2026-11-13 00:00:00 +0000 UTC', y: 1000 }, // older than 7 days: not counted
        { x: '2026-11-15 00:00:00.123 +0000 UTC', y: 1 },
        { x: '2026-11-16T00:00:00Z', y: 2 },
        { x: Date.parse('2026-11-17T00:00:00Z'), y: 3 },
        { x: '2026-11-21 00:00:00 +0000 UTC', y: 4 },
      ],
    });
    expect(c).toEqual({
      database: 'db.upstash.io',
      name: 'db-00001',
      today: 4,
      last7Days: 10,
      daily: [
        { day: '2026-11-15', commands: 1 },
        { day: '2026-11-16', commands: 2 },
        { day: '2026-11-17', commands: 3 },
        { day: '2026-11-21', commands: 4 },
      ],
    });
  });

  it('takes nothing it cannot check: no string, negative, huge or future count, no odd day', () => {
    const c = counts({
      daily_net_commands: '7',
      dailyrequests: [
        { x: '2026-11-19', y: '5' },
        { x: '2026-11-19', y: -1 },
        { x: '2026-11-19', y: 1e20 },
        { x: '2026-11-30 00:00:00 +0000 UTC', y: 9 },
        { x: '"]\n::error::x', y: 1 },
        { x: { toString: 'x' }, y: 1 },
        null,
        7,
        { x: '2026-11-20 00:00:00 +0000 UTC', y: 2.6 },
      ],
    });
    expect(c).toMatchObject({
      today: null,
      last7Days: 3,
      daily: [{ day: '2026-11-20', commands: 3 }],
    });
  });

  it('no series: unknown over 7 days; not an object: refused', () => {
    expect(counts({ daily_net_commands: 0 })).toMatchObject({
      today: 0,
      last7Days: null,
      daily: [],
    });
    expect(() => counts([1, 2])).toThrow(/its stats are not an object/);
    const long = Array.from({ length: 100_000 }, () => ({ x: '2026-11-21', y: 1 }));
    expect(counts({ dailyrequests: long }).daily).toEqual([{ day: '2026-11-21', commands: 1 }]);
  });
});

describe('which databases a run reads the counts of', () => {
  it('all of them up to the bound; beyond, a window that moves every day', () => {
    const few = Array.from({ length: MAX_STATS }, (_, i) => i);
    expect(statsWindow(few, now)).toEqual({ read: few, skipped: [] });
    const many = Array.from({ length: 250 }, (_, i) => i);
    const seen = new Set<number>();
    for (let day = 0; day < 3; day++) {
      const { read, skipped } = statsWindow(many, new Date(now.getTime() + day * 86_400_000));
      expect(read).toHaveLength(MAX_STATS);
      expect(read.length + skipped.length).toBe(250);
      for (const i of read) seen.add(i);
    }
    expect(seen.size).toBe(250); // three days, every database had its turn
  });
});
