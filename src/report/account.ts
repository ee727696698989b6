// What Upstash itself counted, as the report shows it: a column of the summary's table (a row for
// one database, with a Mermaid bar chart per day), the account's lines, and the output
// upstash-commands-7d. Only numbers and days this code formatted go into the chart.

import type { AccountReport, UpstashCounts } from '../account/types.js';
import { CAPS, markdown as escape } from '../safe-text.js';
import type { Report } from './types.js';

/** The cell of a database's counts, `3 / 21` (today / 7 days); '' when not read. */
export function countsCell(account: AccountReport | undefined, database: string): string {
  const c = account?.counts.find((one) => one.database === database);
  if (!c) return '';
  return `${c.today ?? '?'} / ${c.last7Days ?? '?'}`;
}

/** The column's head, when the run has counts to show. */
export const countsHead = (account: AccountReport | undefined): string[] =>
  account && account.counts.length > 0 ? ['Upstash commands (today / 7 days)'] : [];

/** One database's row: what Upstash counted. */
export function countsRow(
  account: AccountReport | undefined,
  database: string,
): [string, string][] {
  const c = account?.counts.find((one) => one.database === database);
  if (!c) return [];
  return [
    [
      'Upstash commands',
      `${c.today ?? 'unknown'} today, ${c.last7Days ?? 'unknown'} over the last 7 days (as Upstash counted them, for ${c.name})`,
    ],
  ];
}

/** A Mermaid bar chart of the commands Upstash counted per day; undefined without days. */
export function countsChart(c: UpstashCounts): string | undefined {
  if (c.daily.length === 0) return undefined;
  const top = Math.max(1, Math.ceil(Math.max(...c.daily.map((d) => d.commands)) * 1.2));
  return [
    'xychart-beta',
    `    title "Commands Upstash counted per day (last ${c.daily.length})"`,
    `    x-axis [${c.daily.map((d) => `"${d.day.slice(5)}"`).join(', ')}]`,
    `    y-axis "commands" 0 --> ${top}`,
    `    bar [${c.daily.map((d) => d.commands).join(', ')}]`,
  ].join('\n');
}

/** The summary's section on the account: its lines, its warnings, and one database's chart. */
export function accountMarkdown(report: Report): string[] {
  const account = report.account;
  if (!account) return [];
  const lines = [
    '**Upstash account:**',
    '',
    ...account.lines.map((line) => `- ${escape(line)}`),
    ...account.warnings.map((line) => `- ⚠️ ${escape(line)}`),
    '',
  ];
  const [only] = account.counts;
  const chart = report.databases.length === 1 && only ? countsChart(only) : undefined;
  if (chart) lines.push('```mermaid', chart, '```', '');
  return lines;
}

/** One database's counts as the output and the command line's --json give them. */
export function countsFields(c: UpstashCounts) {
  const { database, name, today, last7Days, daily } = c;
  return { database, name, today, 'last-7-days': last7Days, daily };
}

/**
 * The output: one object per database whose counts were read, always whole JSON within the cap
 * of an output (the list ends with {"truncated": N} past it).
 */
export function countsJson(account: AccountReport | undefined): string {
  if (!account) return '';
  const items: string[] = [];
  let size = 2;
  for (const [i, c] of account.counts.entries()) {
    const item = JSON.stringify(countsFields(c));
    if (size + item.length + 40 > CAPS.output) {
      items.push(JSON.stringify({ truncated: account.counts.length - i }));
      break;
    }
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** `Upstash counted 3 commands today, 21 over 7 days`. */
export function countsLine(c: UpstashCounts): string {
  const today = c.today === null ? 'an unknown number of' : String(c.today);
  const week = c.last7Days === null ? 'an unknown number' : String(c.last7Days);
  return `Upstash counted ${today} commands today, ${week} over the last 7 days (${c.name}).`;
}
