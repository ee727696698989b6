// The workflow's own schedule. GitHub disables a public repository's scheduled workflows after
// 60 days without activity, silently but for one e-mail to whoever last edited the cron line.
// By default the action only warns, weeks before: re-enabling the workflow through the API is
// what got the most-used re-arming action disabled by GitHub (April 2025), so it is opt-in.

import type { UpkeepSettings } from '../inputs/index.js';
import { daysSince, DAY_MS, type Activity } from './activity.js';
import type { GitHubApi } from './github.js';

/** GitHub's rule: schedules of a public repository stop after this many days without activity. */
const GITHUB_INACTIVITY_DAYS = 60;

export interface ScheduleFacts {
  /** Days since the last push, fractional. */
  days: number;
  from: Activity['from'];
  private: boolean | undefined;
  /** The early warning, when it fired. */
  warning: string | undefined;
  /** What is said instead of a warning (a private repository). */
  note: string | undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function scheduleFacts(
  activity: Activity,
  settings: UpkeepSettings,
  now: Date,
): ScheduleFacts {
  const days = daysSince(activity.pushedAt, now);
  const facts: ScheduleFacts = {
    days,
    from: activity.from,
    private: activity.private,
    warning: undefined,
    note: undefined,
  };
  if (settings.keepWorkflowAlive || days < settings.warnAfterDays) return facts;
  const ago = `the last push was ${plural(Math.floor(days), 'day')} ago`;
  if (activity.private === true) {
    facts.note = `This repository is private: GitHub's ${GITHUB_INACTIVITY_DAYS}-day rule for schedules does not apply (${ago}).`;
    return facts;
  }
  const left = Math.ceil(GITHUB_INACTIVITY_DAYS - days);
  const when =
    left > 0
      ? `GitHub will disable this schedule in about ${plural(left, 'day')}`
      : 'GitHub may disable this schedule at any moment';
  facts.warning = `${when} (after ${GITHUB_INACTIVITY_DAYS} days without activity in a public repository; ${ago}): push a commit, or set keep-workflow-alive: true.`;
  return facts;
}

/**
 * Whether this run is the first past warn-after-days, for a notice sent once without an issue to
 * remember it: the workflow's previous run was still under the threshold, or there was none.
 * With no previous run known, the first day past the threshold counts.
 */
export function firstRunPastWarning(
  facts: ScheduleFacts,
  settings: UpkeepSettings,
  previousRun: Date | 'none' | undefined,
  now: Date,
): boolean {
  if (facts.warning === undefined) return false;
  if (previousRun === 'none') return true;
  if (previousRun === undefined || previousRun.getTime() > now.getTime()) {
    return facts.days < settings.warnAfterDays + 1;
  }
  const daysThen = facts.days - (now.getTime() - previousRun.getTime()) / DAY_MS;
  return daysThen < settings.warnAfterDays;
}

/** keep-workflow-alive: re-enables the running workflow once the last push is old enough. */
export async function rearm(
  github: GitHubApi,
  workflowFile: string | undefined,
  facts: ScheduleFacts,
  settings: UpkeepSettings,
): Promise<{ rearmed: boolean; line: string }> {
  const ago = `the last push was ${plural(Math.floor(facts.days), 'day')} ago`;
  if (facts.days < settings.keepAliveAfterDays) {
    return {
      rearmed: false,
      line: `Schedule left as is: ${ago}, under keep-alive-after-days (${settings.keepAliveAfterDays}).`,
    };
  }
  if (!workflowFile) {
    throw new Error('GITHUB_WORKFLOW_REF does not name the workflow file: schedule not re-armed.');
  }
  await github.enableWorkflow(workflowFile);
  return { rearmed: true, line: `Re-armed the schedule of ${workflowFile}: ${ago}.` };
}
