// The step summary in Markdown: one database as a table of facts with its history chart, several
// as one row each (failures first). Escaped, so stored values cannot inject markup.

import { asOf } from '../modes/history.js';
import { markdown as escape } from '../safe-text.js';
import type { UpkeepOutcome } from '../upkeep/types.js';
import * as workflow from '../workflow.js';
import { accountMarkdown, countsCell, countsHead, countsRow } from './account.js';
import { historyMarkdown } from './chart.js';
import { databaseResult, stamp, type DatabaseResult } from './format.js';
import type { Report } from './types.js';

const TITLES: Record<string, string> = {
  ping: 'ping',
  maintenance: 'maintenance',
  status: 'status check',
};

/** Rows of the databases table at most: beyond, the `results` output has every database. */
const TABLE_ROWS = 100;

function summaryMarkdown(report: Report): string {
  const { error } = report;
  const name = Object.hasOwn(TITLES, report.mode) ? TITLES[report.mode] : 'run';
  const title = `${error ? '❌' : '✅'} Upstash keep-alive: ${name ?? 'run'} ${error ? 'failed' : 'succeeded'}`;
  const lines = [`## ${escape(title)}`, ''];
  const results = report.databases.map((db) =>
    databaseResult(db, report.upkeep?.backstops?.[db.database]),
  );
  const [only] = report.databases;
  if (results.length > 1) {
    lines.push(...databasesTable(report, results), '');
    for (const r of results.filter((d) => d.error).slice(0, 20)) {
      lines.push(
        `**${escape(r.database)}:** ${escape(r.error?.message ?? '')} **Fix:** ${escape(r.error?.fix ?? '')}`,
        '',
      );
    }
  } else {
    const rows = databaseRows(report, results[0], asOf(report.now, only?.outcome?.writtenAt));
    lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${escape(k)} | ${escape(v)} |`));
    lines.push('');
  }
  if (error) {
    lines.push(`**Cause:** ${escape(error.message)}`, '', `**Fix:** ${escape(error.fix)}`, '');
  }
  // One database: its history as a chart (several would make the summary a wall of charts).
  const history = report.databases.length === 1 ? only?.outcome?.history : undefined;
  if (history) lines.push(...historyMarkdown(history));
  lines.push(...accountMarkdown(report));
  lines.push(...upkeepLines(report.upkeep));
  return lines.join('\n');
}

function upkeepLines(upkeep: UpkeepOutcome | undefined): string[] {
  const all = [
    ...scheduleLines(upkeep?.schedule),
    ...(upkeep?.done ?? []),
    ...(upkeep?.warnings ?? []).map((w) => `⚠️ ${w}`),
  ];
  if (all.length === 0) return [];
  return ['**Upkeep:**', '', ...all.map((line) => `- ${escape(line)}`), ''];
}

/** The schedule's state in one line: the warning, the note, or how far from 60 days it is. */
function scheduleLines(schedule: UpkeepOutcome['schedule']): string[] {
  if (!schedule) return [];
  if (schedule.warning) return [`⚠️ ${schedule.warning}`];
  if (schedule.note) return [schedule.note];
  const days = Math.floor(schedule.days);
  return [
    `Schedule: the last push was ${days} day${days === 1 ? '' : 's'} ago (from the ${schedule.from}); GitHub disables the schedules of a quiet public repository at 60.`,
  ];
}

/** One database, one row per fact; ages as of `now` (see asOf). */
function databaseRows(
  report: Report,
  r: DatabaseResult | undefined,
  now: Date,
): [string, string][] {
  const { error } = report;
  const rows: [string, string][] = [
    ['Mode', report.mode],
    ['Database', r?.database ?? ''],
  ];
  if (r?.source && !r.source.startsWith("input 'url'")) {
    const variable = /^[A-Z][A-Z\d_]*$/.test(r.source);
    rows.push(['URL from', variable ? `environment variable ${r.source}` : r.source]);
  }
  rows.push(['Result', error ? `failed (${error.kind})` : 'ok']);
  if (r?.reply != null) rows.push(['Reply', r.reply]);
  if (r?.['latency-ms'] != null) rows.push(['Latency', `${r['latency-ms']} ms`]);
  rows.push(['Attempts', String(r?.attempts ?? 0)]);
  if (r?.['maintenance-count'] != null) {
    rows.push(['Maintenance count', String(r['maintenance-count'])]);
  }
  if (report.mode !== 'ping' && r?.ok) {
    rows.push(['Last maintenance', stamp(r['last-maintenance'], now)]);
    rows.push(['Previous maintenance', stamp(r['previous-maintenance'], now)]);
  }
  const beat = r?.['backstop-last-beat'];
  if (r && (beat != null || (r.backstop && r.backstop !== 'off'))) {
    // The two heartbeats side by side: the workflow's maintenance above, QStash's beat here.
    const beats = r['backstop-beats'] === null ? '' : `, ${r['backstop-beats']} beats`;
    const last = beat ? `${stamp(beat, now)}${beats}` : 'none yet';
    rows.push(['QStash backstop', `${r.backstop ?? 'not checked by this run'}; last beat ${last}`]);
  }
  rows.push(...countsRow(report.account, r?.database ?? ''));
  const runUrl = lastRunUrl(report);
  if (runUrl) rows.push(['Last maintained by', runUrl]);
  return rows;
}

/** A link only to a workflow run of this server: the value is read from the database. */
function lastRunUrl(report: Report): string | undefined {
  const runUrl = report.databases[0]?.outcome?.metadata?.['run-url'];
  const server = (report.server ?? 'https://github.com').replace(/\/+$/, '');
  const path = runUrl?.startsWith(`${server}/`) ? runUrl.slice(server.length) : '';
  return runUrl && /^\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/.test(path) ? runUrl : undefined;
}

/** Several databases, one row each, the failures first. */
function databasesTable(report: Report, results: DatabaseResult[]): string[] {
  const head = ['Database', 'Result', 'Latency', 'Attempts', 'Count', 'Last maintenance'];
  // Each database's ages as of its own time (see asOf): its database's clock may be ahead.
  const all = results.map((r, i) => ({
    r,
    now: asOf(report.now, report.databases[i]?.outcome?.writtenAt),
  }));
  const failed = all.filter(({ r }) => !r.ok);
  const shown = [...failed, ...all.filter(({ r }) => r.ok)].slice(0, TABLE_ROWS);
  const upstash = countsHead(report.account);
  head.push(...upstash);
  const rest = results.length - shown.length;
  const failedLeftOut = failed.length - Math.min(failed.length, shown.length);
  const rows = shown.map(({ r, now }) => [
    r.database,
    r.error ? `❌ ${r.error.kind}` : `✅ ${r.reply ?? 'ok'}`,
    r['latency-ms'] === null ? '' : `${r['latency-ms']} ms`,
    String(r.attempts),
    r['maintenance-count'] === null ? '' : String(r['maintenance-count']),
    r['last-maintenance'] ? stamp(r['last-maintenance'], now) : '',
    ...upstash.map(() => countsCell(report.account, r.database)),
  ]);
  const total = results.length;
  return [
    `Mode: ${escape(report.mode)}; ${total} databases, ${total - failed.length} ok, ${failed.length} failed.`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.map((cell) => escape(cell)).join(' | ')} |`),
    ...(rest > 0
      ? [
          '',
          `… and ${rest} more, ${restKinds(failedLeftOut, rest)}: the \`results\` output lists every database.`,
        ]
      : []),
  ];
}

/** What the rows left out of the table are: the failures come first, so some may be among them. */
function restKinds(failed: number, rest: number): string {
  if (failed === 0) return 'all ok';
  if (failed === rest) return 'all failed';
  return `${failed} failed and ${rest - failed} ok`;
}

export async function writeSummary(report: Report): Promise<void> {
  await workflow.summary(`${summaryMarkdown(report)}\n`);
}
