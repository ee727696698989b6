// What a run reports, and where: the outputs, the step summary, the warnings and the step's
// failure. Nothing here ever receives a credential: a database is named by host only.

import { asKeepaliveError } from '../failures.js';
import type { Report } from './types.js';
import * as workflow from '../workflow.js';
import { writeOutputs } from './outputs.js';
import { writeSummary } from './summary.js';

/** Outputs, summary, warnings, and the step's failure when the run failed. */
export async function publish(report: Report): Promise<void> {
  writeOutputs(report);
  try {
    await writeSummary(report);
  } catch (error) {
    workflow.warning(`Could not write the step summary: ${asKeepaliveError(error).message}`);
  }
  const warnings: string[] = [];
  const schedule = report.upkeep?.schedule;
  if (schedule?.warning) warnings.push(schedule.warning);
  warnings.push(...(report.upkeep?.warnings ?? []));
  warnings.push(...(report.account?.warnings ?? []));
  // fail-on: all let the run pass: each database that failed still gets a warning.
  if (!report.error) {
    for (const db of report.databases) {
      if (db.error) warnings.push(`${db.database}: ${db.error.describe()}`);
    }
  }
  warn(warnings);
  if (report.error) workflow.fail(report.error.describe());
}

/** GitHub shows 10 warning annotations a step and silently drops the rest (actions/toolkit,
 * docs/problem-matchers.md): past 10, nine are annotations, the tenth says how many more there
 * are, and those are printed as plain log lines, so none is lost. */
const ANNOTATIONS = 10;

function warn(warnings: string[]): void {
  const shown = warnings.length > ANNOTATIONS ? warnings.slice(0, ANNOTATIONS - 1) : warnings;
  const rest = warnings.slice(shown.length);
  shown.forEach((line) => {
    workflow.warning(line);
  });
  if (rest.length === 0) return;
  workflow.warning(
    `${String(rest.length)} more warnings: GitHub shows 10 annotations a step; they follow in this step's log.`,
  );
  rest.forEach((line) => {
    workflow.info(`Warning: ${line}`);
  });
}
