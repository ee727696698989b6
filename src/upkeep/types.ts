// What the upkeep hands back to the report: its own file, so the report can read it without
// importing the upkeep (which reads the report).

import type { BackstopState } from '../backstop/plan.js';
import type { ScheduleFacts } from './schedule.js';

export interface UpkeepOutcome {
  workflowRearmed: boolean;
  /** The schedule's facts, on scheduled and dispatched runs. */
  schedule: ScheduleFacts | undefined;
  /** What was done, for the log and the summary. */
  done: string[];
  /** What could not be done, and how to allow it. */
  warnings: string[];
  /** The QStash backstop of each database (host:port), when a QStash token was given. */
  backstops?: Record<string, BackstopState>;
}
