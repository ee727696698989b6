// @vitest-environment happy-dom
// The history as a picture: the Mermaid chart is checked by Mermaid's own parser (which needs a
// DOM, hence this file's environment; the runs themselves are tested in history.test.ts), and
// escapes nothing from outside raw; the command line's sparkline.

import { describe, expect, it } from 'vitest';
import { historyMarkdown, mermaidChart, sparkline } from '../../src/report/chart.ts';
import { analyse } from '../../src/modes/history.ts';
import { daily, entry } from '../support/history.ts';
import { expectValidXychart } from '../support/mermaid.ts';

const entries = (times: Date[], extra: Record<string, string> = {}) =>
  times.map((t) => entry(t, extra));

describe('the picture', () => {
  it('the summary section holds a Mermaid xychart that Mermaid parses, and the gaps', async () => {
    const facts = analyse(entries(daily(40, [7, 8])), new Date());
    const section = historyMarkdown(facts).join('\n');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    await expectValidXychart(block);
    expect(block).toMatch(/^ {4}bar \[[\d., ]+\]$/m);
    expect(block).toMatch(/^ {4}line \[(24(, )?)+\]$/m);
    expect(block.match(/"\d\d-\d\d"/g)).toHaveLength(30);
    expect(section).toMatch(/- Gap: .*72 h: about 2 runs missed/);
  });

  it('nothing read from the database reaches the chart or the section raw', () => {
    const hostile = { 'run-id': '"] \n::error::x', repository: '<img src=x>', outcome: '```' };
    const facts = analyse(entries(daily(6), hostile), new Date());
    const section = historyMarkdown(facts).join('\n');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    expect(block.replace(/"\d\d-\d\d"/g, '')).toMatch(/^[a-z\-\s[\],.\d>"()]*$/i);
    expect(section).not.toMatch(/<img|::error|\] \\n/);
  });

  it('Mermaid refuses a broken chart: the check can fail', async () => {
    const chart = mermaidChart(analyse(entries(daily(5)), new Date())) ?? '';
    await expectValidXychart(chart);
    await expect(expectValidXychart(chart.replace('bar [', 'bar [,'))).rejects.toThrow();
  });

  it('the command line draws it as a sparkline', () => {
    const facts = analyse(entries(daily(10, [4, 5])), new Date());
    expect(sparkline(facts)).toMatch(/^[▁▂▃▄▅▆▇█]{7} usual 24 h, 1 gap \(2 runs missed\)$/);
  });

  it('two runs minutes apart have no interval yet, and it says why', () => {
    const now = Date.now();
    const two = analyse(entries([new Date(now - 60_000), new Date(now - 120_000)]), new Date());
    expect(sparkline(two)).toBe('no interval yet (runs under 30 min apart count as one)');
    expect(sparkline(analyse(entries([new Date(now - 60_000)]), new Date()))).toBe(
      'no interval yet',
    );
  });
});

describe('the documentation', () => {
  it('every Mermaid chart in README.md parses', async () => {
    const { readFileSync } = await import('node:fs');
    // vitest runs from the project's root; this environment's import.meta.url is not a file URL.
    const readme = readFileSync(`${process.cwd()}/README.md`, 'utf8');
    const charts = [...readme.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) await expectValidXychart(chart);
  });
});
