// The step's outputs: `ok` and `error` speak for the whole run, the single values are those of
// the first database (the only one, usually), `results` holds every database as JSON.

import { CAPS, outside, utf8Bytes } from '../safe-text.js';
import * as workflow from '../workflow.js';
import { countsJson } from './account.js';
import { databaseResult, type DatabaseResult } from './format.js';
import type { Report } from './types.js';

/** The outputs that are one key of a database's result, written as text ('' for none). */
const PER_DATABASE = [
  'reply',
  'latency-ms',
  'attempts',
  'maintenance-count',
  'last-maintenance',
  'previous-maintenance',
  'database',
  'runs-in-history',
  'median-interval-hours',
  'longest-gap-hours',
  'missed-runs',
  'backstop',
  'backstop-last-beat',
] as const satisfies readonly (keyof DatabaseResult)[];

/** Every output, in action.yml's order. */
export const OUTPUT_NAMES = [
  'ok',
  'mode',
  'error',
  ...PER_DATABASE,
  'workflow-rearmed',
  'days-since-activity',
  'schedule-warning',
  'results',
  'upstash-commands-7d',
] as const;
type OutputName = (typeof OUTPUT_NAMES)[number];

export function outputsOf(report: Report): Record<OutputName, string> {
  const days = report.upkeep?.schedule?.days;
  const backstops = report.upkeep?.backstops;
  const results = report.databases.map((db) => databaseResult(db, backstops?.[db.database]));
  const first = results[0];
  const single = Object.fromEntries(
    PER_DATABASE.map((key) => [key, first?.[key] == null ? '' : String(first[key])]),
  ) as Record<(typeof PER_DATABASE)[number], string>;
  return {
    ok: String(report.error === undefined),
    mode: outside(report.mode, 20),
    ...single,
    attempts: String(first?.attempts ?? 0),
    backstop: first?.backstop ?? 'off',
    error: report.error?.describe() ?? '',
    'workflow-rearmed': String(report.upkeep?.workflowRearmed ?? false),
    'days-since-activity': days === undefined ? '' : String(Math.floor(days)),
    'schedule-warning': String(report.upkeep?.schedule?.warning !== undefined),
    results: resultsJson(results),
    'upstash-commands-7d': countsJson(report.account),
  };
}

/**
 * Every database, as long as the whole stays under GitHub's 1 MB for an output (counted in
 * bytes: error texts may be in any script); past that the list ends with {"truncated": N}, so
 * it is always valid JSON.
 */
function resultsJson(results: DatabaseResult[]): string {
  const items: string[] = [];
  let bytes = 2;
  for (const [i, result] of results.entries()) {
    const item = JSON.stringify(result);
    const size = utf8Bytes(item) + 1;
    if (bytes + size + 40 > CAPS.resultsBytes) {
      items.push(JSON.stringify({ truncated: results.length - i }));
      break;
    }
    items.push(item);
    bytes += size;
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
