// Outputs and the step summary: the only two places a run's result is written.
// Neither ever receives a credential: the database is named by host only.

import { appendFile } from 'node:fs/promises';
import { setOutput } from './runner.js';
import type { CareOutcome } from './care.js';
import type { KeepaliveError } from './errors.js';
import type { Outcome } from './modes.js';

export interface Report {
  /** The validated mode, or the raw input when validation failed. */
  mode: string;
  database: string;
  /** Where the URL came from, when not from input `url`: an environment variable's name. */
  source?: string;
  attempts: number;
  latencyMs?: number;
  outcome?: Outcome;
  error?: KeepaliveError;
  /** The action's own upkeep (re-arming the schedule, alerts), when any applied. */
  care?: CareOutcome;
  now: Date;
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
  'workflow-rearmed',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export function outputsOf(report: Report): Record<OutputName, string> {
  const { outcome, error } = report;
  return {
    ok: String(error === undefined),
    mode: report.mode,
    reply: outcome?.reply ?? '',
    'latency-ms': report.latencyMs === undefined ? '' : String(report.latencyMs),
    attempts: String(report.attempts),
    'maintenance-count': outcome?.count === undefined ? '' : String(outcome.count),
    'last-maintenance': outcome?.lastMaintenance ?? '',
    'previous-maintenance': outcome?.previousMaintenance ?? '',
    database: report.database,
    error: error?.describe() ?? '',
    'workflow-rearmed': String(report.care?.workflowRearmed ?? false),
  };
}

export function writeOutputs(report: Report, env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(outputsOf(report))) setOutput(name, value, env);
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
  const { outcome, error, now } = report;
  const title = `${error ? '❌' : '✅'} Upstash keep-alive: ${TITLES[report.mode] ?? 'run'} ${error ? 'failed' : 'succeeded'}`;
  const rows: [string, string][] = [
    ['Mode', report.mode],
    ['Database', report.database],
    ...(report.source && report.source !== "input 'url'"
      ? [['URL from', `environment variable ${report.source}`] as [string, string]]
      : []),
    ['Result', error ? `failed (${error.kind})` : 'ok'],
  ];
  if (outcome?.reply !== undefined) rows.push(['Reply', outcome.reply]);
  if (report.latencyMs !== undefined) rows.push(['Latency', `${report.latencyMs} ms`]);
  rows.push(['Attempts', String(report.attempts)]);
  if (outcome?.count !== undefined) rows.push(['Maintenance count', String(outcome.count)]);
  if (outcome && outcome.mode !== 'ping') {
    const stamp = (iso: string | undefined) =>
      iso ? `${iso} (${age(iso, now)})` : 'none recorded';
    rows.push(['Last maintenance', stamp(outcome.lastMaintenance)]);
    rows.push(['Previous maintenance', stamp(outcome.previousMaintenance)]);
  }
  const runUrl = outcome?.metadata?.['run-url'];
  if (runUrl) rows.push(['Last maintained by', runUrl]);
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${escape(k)} | ${escape(v)} |`)];
  const lines = [`## ${escape(title)}`, '', ...table, ''];
  if (error) {
    lines.push(`**Cause:** ${escape(error.message)}`, '', `**Fix:** ${escape(error.fix)}`, '');
  }
  const upkeep = [
    ...(report.care?.done ?? []),
    ...(report.care?.warnings ?? []).map((w) => `⚠️ ${w}`),
  ];
  if (upkeep.length > 0) {
    lines.push('**Upkeep:**', '', ...upkeep.map((line) => `- ${escape(line)}`), '');
  }
  return lines.join('\n');
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export async function writeSummary(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  // Outside a runner (local runs) there is no summary file: nothing to write.
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  await appendFile(file, `${summaryMarkdown(report)}\n`, 'utf8');
}
