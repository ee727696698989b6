// Outputs and the step summary: the only two places a run's result is written.
// Neither ever receives a credential: the database is named by host only.

import type { DatabaseReport } from './keepalive.js';
import type { KeepaliveError } from './errors.js';
import { historyMarkdown } from './chart.js';
import type { HistoryFacts } from './history.js';
import { CAPS, markdown as escape, outside } from './safe-text.js';
import type { UpkeepOutcome } from './upkeep/index.js';
import * as workflow from './workflow.js';

export interface Report {
  /** The validated mode, or the raw input when validation failed. */
  mode: string;
  /** One entry per database, in the order of the url lines; empty when the inputs were refused. */
  databases: DatabaseReport[];
  /** The run's failure: a refused input, or the databases' (see engine.runFailure). */
  error?: KeepaliveError;
  /** The action's own upkeep (the schedule, alerts), when any applied. */
  upkeep?: UpkeepOutcome;
  now: Date;
  /** This run's GitHub server (GITHUB_SERVER_URL): the only host a stored run link may name. */
  server?: string;
}

export const OUTPUT_NAMES = [
  'ok',
  'mode',
  'reply',
  'latency-ms',
  'attempts',
  'maintenance-count',
  'last-maintenance',
  'previous-maintenance',
  'database',
  'error',
  'runs-in-history',
  'median-interval-hours',
  'longest-gap-hours',
  'missed-runs',
  'backstop',
  'backstop-last-beat',
  'workflow-rearmed',
  'days-since-activity',
  'schedule-warning',
  'results',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** The history's figures, as outputs; empty when there is no history. */
function historyOutputs(history: HistoryFacts | undefined) {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    'runs-in-history': text(history?.entries.length),
    'median-interval-hours': text(history?.medianIntervalHours),
    'longest-gap-hours': text(history?.longestGapHours),
    'missed-runs': text(history === undefined ? undefined : history.missedRuns),
  };
}

/** The single-value outputs of one database; `backstops` from the upkeep, when it ran. */
function databaseOutputs(db: DatabaseReport | undefined, backstops?: Record<string, string>) {
  const outcome = db?.outcome;
  return {
    reply: outcome?.reply ?? '',
    'latency-ms': db?.latencyMs === undefined ? '' : String(db.latencyMs),
    attempts: String(db?.attempts ?? 0),
    'maintenance-count': outcome?.count === undefined ? '' : String(outcome.count),
    'last-maintenance': outcome?.lastMaintenance ?? '',
    'previous-maintenance': outcome?.previousMaintenance ?? '',
    database: db?.database ?? '',
    ...historyOutputs(outcome?.history),
    backstop: (db && backstops?.[db.database]) ?? 'off',
    'backstop-last-beat': outcome?.backstopBeat ?? '',
  };
}

/**
 * `ok` and `error` speak for the whole run; the other single values are those of the first
 * database (the only one, usually); `results` holds every database as a JSON array.
 */
export function outputsOf(report: Report): Record<OutputName, string> {
  const days = report.upkeep?.schedule?.days;
  const backstops = report.upkeep?.backstops;
  const results = resultsJson(report.databases, backstops);
  return {
    ok: String(report.error === undefined),
    mode: outside(report.mode, 20),
    ...databaseOutputs(report.databases[0], backstops),
    error: report.error?.describe() ?? '',
    'workflow-rearmed': String(report.upkeep?.workflowRearmed ?? false),
    'days-since-activity': days === undefined ? '' : String(Math.floor(days)),
    'schedule-warning': String(report.upkeep?.schedule?.warning !== undefined),
    results,
  };
}

/**
 * The `results` output: every database, as long as the whole stays under GitHub's 1 MB for an
 * output; past that the list ends with {"truncated": N}, so it is always valid JSON.
 */
function resultsJson(databases: DatabaseReport[], backstops?: Record<string, string>): string {
  const items: string[] = [];
  let size = 2;
  for (const [i, db] of databases.entries()) {
    const item = JSON.stringify({
      ...databaseOutputs(db, backstops),
      ok: db.error === undefined,
      error: db.error?.describe() ?? '',
    });
    if (size + item.length + 40 > CAPS.results) {
      items.push(JSON.stringify({ truncated: databases.length - i }));
      break;
    }
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** Writes every output; a runner file that cannot be written is a warning, not a crash. */
export function writeOutputs(report: Report): void {
  try {
    for (const [name, value] of Object.entries(outputsOf(report))) workflow.output(name, value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    workflow.warning(`Could not write the step's outputs (GITHUB_OUTPUT): ${outside(why)}`);
  }
}

/** "3 h 12 min ago" style age of an ISO timestamp, or '' when it cannot be read. */
export function age(iso: string | undefined, now: Date): string {
  if (iso === undefined) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const minutes = Math.round((now.getTime() - then) / 60_000);
  if (minutes < 0) return 'in the future';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min ago`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h ago`;
}

const TITLES: Record<string, string> = {
  ping: 'ping',
  maintenance: 'maintenance',
  status: 'status check',
};

/** Markdown of the step summary; escaped so stored values cannot inject markup. */
export function summaryMarkdown(report: Report): string {
  const { error, now } = report;
  const name = Object.hasOwn(TITLES, report.mode) ? TITLES[report.mode] : 'run';
  const title = `${error ? '❌' : '✅'} Upstash keep-alive: ${name ?? 'run'} ${error ? 'failed' : 'succeeded'}`;
  const lines = [`## ${escape(title)}`, ''];
  const [only] = report.databases;
  if (report.databases.length > 1) {
    lines.push(...databasesTable(report), '');
    for (const db of report.databases.filter((d) => d.error).slice(0, 20)) {
      lines.push(
        `**${escape(db.database)}:** ${escape(db.error?.message ?? '')} **Fix:** ${escape(db.error?.fix ?? '')}`,
        '',
      );
    }
  } else {
    const rows = databaseRows(report, only, error, now);
    lines.push(
      '| | |',
      '|---|---|',
      ...rows.map(([k, v]) => `| ${escape(k)} | ${escape(v)} |`),
      '',
    );
  }
  if (error) {
    lines.push(`**Cause:** ${escape(error.message)}`, '', `**Fix:** ${escape(error.fix)}`, '');
  }
  // One database: its history as a chart (several would make the summary a wall of charts).
  const history = report.databases.length === 1 ? only?.outcome?.history : undefined;
  if (history) lines.push(...historyMarkdown(history));
  const upkeep = [
    ...scheduleLines(report.upkeep?.schedule),
    ...(report.upkeep?.done ?? []),
    ...(report.upkeep?.warnings ?? []).map((w) => `⚠️ ${w}`),
  ];
  if (upkeep.length > 0) {
    lines.push('**Upkeep:**', '', ...upkeep.map((line) => `- ${escape(line)}`), '');
  }
  return lines.join('\n');
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

const stamp = (iso: string | undefined, now: Date) =>
  iso ? `${iso} (${age(iso, now)})` : 'none recorded';

/** One database, one row per fact. */
function databaseRows(
  report: Report,
  db: DatabaseReport | undefined,
  error: KeepaliveError | undefined,
  now: Date,
): [string, string][] {
  const outcome = db?.outcome;
  const rows: [string, string][] = [
    ['Mode', report.mode],
    ['Database', db?.database ?? ''],
  ];
  if (db?.source && !db.source.startsWith("input 'url'")) {
    rows.push(['URL from', `environment variable ${db.source}`]);
  }
  rows.push(['Result', error ? `failed (${error.kind})` : 'ok']);
  if (outcome?.reply !== undefined) rows.push(['Reply', outcome.reply]);
  if (db?.latencyMs !== undefined) rows.push(['Latency', `${db.latencyMs} ms`]);
  rows.push(['Attempts', String(db?.attempts ?? 0)]);
  if (outcome?.count !== undefined) rows.push(['Maintenance count', String(outcome.count)]);
  if (outcome && outcome.mode !== 'ping') {
    rows.push(['Last maintenance', stamp(outcome.lastMaintenance, now)]);
    rows.push(['Previous maintenance', stamp(outcome.previousMaintenance, now)]);
  }
  // A link only to a workflow run: the value is read from the database, where anyone may write.
  const backstop = db ? report.upkeep?.backstops?.[db.database] : undefined;
  if (outcome?.backstopBeat !== undefined || (backstop && backstop !== 'off')) {
    // The two heartbeats side by side: the workflow's maintenance above, QStash's beat here.
    const beats = outcome?.backstopBeats === undefined ? '' : `, ${outcome.backstopBeats} beats`;
    const beat = outcome?.backstopBeat ? `${stamp(outcome.backstopBeat, now)}${beats}` : 'none yet';
    rows.push(['QStash backstop', `${backstop ?? 'not checked by this run'}; last beat ${beat}`]);
  }
  const runUrl = outcome?.metadata?.['run-url'];
  const server = (report.server ?? 'https://github.com').replace(/\/+$/, '');
  const path = runUrl?.startsWith(`${server}/`) ? runUrl.slice(server.length) : '';
  if (runUrl && /^\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/.test(path)) {
    rows.push(['Last maintained by', runUrl]);
  }
  return rows;
}

/** Several databases, one row each. */
/** Rows of the databases table at most: beyond, the `results` output has every database. */
const TABLE_ROWS = 100;

function databasesTable(report: Report): string[] {
  const head = ['Database', 'Result', 'Latency', 'Attempts', 'Count', 'Last maintenance'];
  const failed = report.databases.filter((db) => db.error);
  const shown = [...failed, ...report.databases.filter((db) => !db.error)].slice(0, TABLE_ROWS);
  const rest = report.databases.length - shown.length;
  const rows = shown.map((db) => [
    db.database,
    db.error ? `❌ ${db.error.kind}` : `✅ ${db.outcome?.reply ?? 'ok'}`,
    db.latencyMs === undefined ? '' : `${db.latencyMs} ms`,
    String(db.attempts),
    db.outcome?.count === undefined ? '' : String(db.outcome.count),
    db.outcome?.lastMaintenance ? stamp(db.outcome.lastMaintenance, report.now) : '',
  ]);
  const total = report.databases.length;
  return [
    `Mode: ${escape(report.mode)}; ${total} databases, ${total - failed.length} ok, ${failed.length} failed.`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.map((cell) => escape(cell)).join(' | ')} |`),
    ...(rest > 0
      ? ['', `… and ${rest} more, all ok: the \`results\` output lists every database.`]
      : []),
  ];
}

export async function writeSummary(report: Report): Promise<void> {
  await workflow.summary(`${summaryMarkdown(report)}\n`);
}
