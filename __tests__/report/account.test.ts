// @vitest-environment happy-dom
// What Upstash counted, as the summary and the output show it: the chart is checked by Mermaid's
// own parser (hence this file's environment), and nothing from the answer reaches it raw.

import { describe, expect, it } from 'vitest';
import { accountMarkdown, countsChart, countsJson } from '../../src/report/account.ts';
import type { UpstashCounts } from '../../src/account/types.ts';
import { CAPS } from '../../src/safe-text.ts';
import { expectValidXychart } from '../support/mermaid.ts';

const week: UpstashCounts = {
  database: 'db.upstash.io',
  name: "db ](x)\n::error::<img src=x>'",
  today: 2,
  last7Days: 9,
  daily: ['15', '16', '17', '18', '19', '20', '21'].map((d, i) => ({
    day: `2026-11-${d}`,
    commands: i % 3,
  })),
};

describe('the chart of what Upstash counted', () => {
  it('is a Mermaid bar chart per day that Mermaid parses', async () => {
    const chart = countsChart(week) ?? '';
    await expectValidXychart(chart);
    expect(chart).toMatch(/^ {4}x-axis \["11-15", "11-16", .*"11-21"\]$/m);
    expect(chart).toMatch(/^ {4}bar \[0, 1, 2, 0, 1, 2, 0\]$/m);
    expect(countsChart({ ...week, daily: [] })).toBeUndefined();
  });

  it('shows for one database, in the account section, with its name escaped', () => {
    const account = {
      lines: ['1 Redis database listed; 1 selected for this run.'],
      warnings: ['w'],
      counts: [week],
    };
    const report = {
      mode: 'maintenance',
      databases: [{ database: 'db.upstash.io', source: '', attempts: 1 }],
      now: new Date(),
      account,
    };
    const section = accountMarkdown(report).join('\n');
    expect(section).toContain('```mermaid\nxychart-beta');
    expect(section).toContain('- ⚠️ w');
    const two = accountMarkdown({
      ...report,
      databases: [...report.databases, ...report.databases],
    });
    expect(two.join('\n')).not.toContain('mermaid');
    expect(countsJson(account)).not.toContain('<img src=x>\n');
  });
});

describe('the output upstash-commands-7d', () => {
  it('is whole JSON within the cap of an output, however many and long the names', () => {
    const long = { ...week, name: '"\u0001'.repeat(100) };
    const json = countsJson({
      lines: [],
      warnings: [],
      counts: Array.from({ length: 100 }, () => long),
    });
    expect(json.length).toBeLessThanOrEqual(CAPS.output);
    const parsed = JSON.parse(json) as object[];
    expect(parsed.at(-1)).toEqual({ truncated: expect.any(Number) as number });
    expect(parsed[0]).toEqual({
      database: 'db.upstash.io',
      name: long.name,
      today: 2,
      'last-7-days': 9,
      daily: week.daily,
    });
    expect(countsJson(undefined)).toBe('');
  });
});
