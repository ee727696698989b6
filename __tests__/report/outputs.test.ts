// The outputs read from one rendering of each database: the single values are the first
// database's, `results` is every database's with typed values, and stays within GitHub's 1 MB.

import { describe, expect, it } from 'vitest';
import { KeepaliveError } from '../../src/errors.ts';
import type { DatabaseReport } from '../../src/keepalive.ts';
import { databaseResult } from '../../src/report/format.ts';
import { outputsOf } from '../../src/report/outputs.ts';
import type { Report } from '../../src/report/types.ts';

const now = new Date('2026-11-22T08:00:00.000Z');

const maintained: DatabaseReport = {
  database: 'a.upstash.io',
  source: "input 'url'",
  attempts: 2,
  latencyMs: 48,
  outcome: {
    mode: 'maintenance',
    count: 12,
    lastMaintenance: '2026-11-22T07:59:59.000Z',
    previousMaintenance: '2026-11-21T07:59:59.000Z',
    replayed: true,
  },
};

describe('the outputs', () => {
  it('give the first database as text and every database as typed JSON with one set of keys', () => {
    const failed: DatabaseReport = {
      database: 'b.upstash.io',
      source: "input 'url' line 2",
      attempts: 3,
      error: new KeepaliveError('timeout', 'No answer in 10 s.', 'Raise timeout-seconds.'),
    };
    const report: Report = { mode: 'maintenance', databases: [maintained, failed], now };
    const outputs = outputsOf(report);
    expect(outputs).toMatchObject({
      'latency-ms': '48',
      attempts: '2',
      'maintenance-count': '12',
      'runs-in-history': '',
      backstop: 'off',
    });
    const results = JSON.parse(outputs.results) as Record<string, unknown>[];
    expect(results).toEqual([databaseResult(maintained), databaseResult(failed)]);
    expect(results[0]).toMatchObject({ 'latency-ms': 48, 'maintenance-count': 12, replayed: true });
    expect(results[1]).toMatchObject({
      ok: false,
      'latency-ms': null,
      error: { kind: 'timeout', message: 'No answer in 10 s.', fix: 'Raise timeout-seconds.' },
    });
    expect(Object.keys(results[1] ?? {})).toEqual(Object.keys(results[0] ?? {}));
  });

  it('keep `results` under 1 MB in bytes when the errors are not ASCII', () => {
    // 1,000 databases whose server answered in Chinese: three bytes a character in UTF-8.
    const message = '服务器错误'.repeat(180);
    const databases: DatabaseReport[] = Array.from({ length: 1000 }, (_, i) => ({
      database: `db${i}.upstash.io`,
      source: "input 'url'",
      attempts: 1,
      error: new KeepaliveError('server', message, 'Retry later.'),
    }));
    const { results } = outputsOf({ mode: 'ping', databases, now });
    expect(Buffer.byteLength(results)).toBeLessThanOrEqual(1_000_000);
    const parsed = JSON.parse(results) as unknown[];
    expect(parsed.at(-1)).toEqual({ truncated: 1000 - (parsed.length - 1) });
    expect(parsed.length).toBeGreaterThan(100);
  });
});
