// The upkeep's tasks, each on its own: the backstop, re-arming the workflow, the alert issues,
// the webhook and its schedule warning. Each turns its own failure into a warning.

import type { Report } from '../report/types.js';
import type { RunPlace } from '../run-context.js';
import type { UpkeepSettings } from '../inputs/index.js';
import { manageIssues, type IssueLog } from './alert-issue.js';
import { ensureBackstops, type BackstopRequest } from './backstop.js';
import type { Budget, GitHubApi } from './github.js';
import { isoTime } from './activity.js';
import { firstRunPastWarning, rearm } from './schedule.js';
import type { UpkeepOutcome } from './types.js';
import { postWebhook, webhookMessage } from './webhook.js';

/** One upkeep run: what every task reads, and the outcome they fill in. */
export interface UpkeepRun {
  report: Report;
  settings: UpkeepSettings;
  place: RunPlace;
  budget: Budget;
  github: () => Promise<GitHubApi>;
  outcome: UpkeepOutcome;
  /**
   * Whether this job looks after the schedule (its warning's issue and message, re-arming): the
   * unsharded run, or shard 1 of a matrix, so n jobs side by side do it once.
   */
  leadsSchedule: boolean;
  /** Runs a task; its failure becomes a warning. */
  attempt: (task: () => Promise<void>) => Promise<void>;
}

/**
 * When this workflow's run before this one happened: from the databases a maintenance wrote (the
 * newest previous maintenance of those that answered), else from one GitHub request listing the
 * workflow's runs, made only here (a warning to send, and no database that tells). `none`: this
 * workflow never ran before; undefined: unknown.
 */
async function previousRun(run: UpkeepRun): Promise<Date | 'none' | undefined> {
  const { report, place, github, attempt } = run;
  const times =
    report.mode === 'maintenance'
      ? report.databases
          .filter((db) => !db.error)
          .map((db) => isoTime(db.outcome?.previousMaintenance))
          .filter((ms) => !Number.isNaN(ms))
      : [];
  if (times.length > 0) return new Date(Math.max(...times));
  const workflowFile = place.workflowFile;
  if (workflowFile === undefined) return undefined;
  let found: Date | 'none' | undefined;
  await attempt(async () => {
    found = await (await github()).previousRunTime(workflowFile, place.runId);
  });
  return found;
}

export async function keepBackstops({ outcome, budget }: UpkeepRun, backstop: BackstopRequest) {
  const log = await ensureBackstops(backstop, budget);
  outcome.backstops = log.states;
  outcome.done.push(...log.done);
  outcome.warnings.push(...log.warnings);
}

export async function rearmWorkflow(run: UpkeepRun) {
  const { outcome, github, place, settings, attempt } = run;
  const schedule = outcome.schedule;
  if (!schedule || !run.leadsSchedule) return;
  await attempt(async () => {
    const result = await rearm(await github(), place.workflowFile, schedule, settings);
    outcome.workflowRearmed = result.rearmed;
    outcome.done.push(result.line);
  });
}

export async function raiseIssues(run: UpkeepRun): Promise<IssueLog | undefined> {
  const { outcome, github, report, place, attempt, leadsSchedule } = run;
  let issues: IssueLog | undefined;
  await attempt(async () => {
    const lead = { schedule: leadsSchedule ? outcome.schedule : undefined, leadsSchedule };
    issues = await manageIssues(await github(), report, place, lead, attempt);
    outcome.done.push(...issues.done);
  });
  return issues;
}

/** A failure, and a success after a failure (the workflow's previous run says). */
export async function tellWebhook(
  { report, place, github, budget, outcome, attempt }: UpkeepRun,
  url: string,
) {
  const ok = report.error === undefined;
  await attempt(async () => {
    const recovered =
      ok && place.workflowFile !== undefined && place.runId !== undefined
        ? await (await github()).previousRunFailed(place.workflowFile, place.runId)
        : false;
    if (!ok || recovered) {
      const event = ok ? 'recovery' : 'failure';
      await postWebhook(url, webhookMessage(report, place, event), budget);
      outcome.done.push(`Sent the ${event} message to the webhook.`);
    }
  });
}

/**
 * The schedule's notice goes out once: with the issue that remembers it, or else (no alert issue,
 * or one that could not be opened) from the first run past warn-after-days.
 */
export async function tellScheduleWarning(run: UpkeepRun, issues: IssueLog | undefined) {
  const { report, place, settings, budget, outcome, attempt } = run;
  const { schedule } = outcome;
  const url = settings.webhookUrl;
  const warning = schedule?.warning;
  if (url === undefined || !schedule || warning === undefined || !run.leadsSchedule) return;
  const remembered = issues?.scheduleIssue;
  const once =
    remembered !== undefined
      ? remembered === 'opened'
      : firstRunPastWarning(schedule, settings, await previousRun(run), report.now);
  if (!once) return;
  await attempt(async () => {
    await postWebhook(url, webhookMessage(report, place, 'schedule-warning', warning), budget);
    outcome.done.push('Sent the schedule warning to the webhook.');
  });
}
