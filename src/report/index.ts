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
  const schedule = report.upkeep?.schedule;
  if (schedule?.warning) workflow.warning(schedule.warning);
  report.upkeep?.warnings.forEach((line) => {
    workflow.warning(line);
  });
  if (report.error) {
    workflow.fail(report.error.describe());
  } else {
    // fail-on: all let the run pass: each database that failed still gets an annotation.
    for (const db of report.databases) {
      if (db.error) workflow.warning(`${db.database}: ${db.error.describe()}`);
    }
  }
}
