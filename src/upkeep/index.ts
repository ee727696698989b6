// The keep-alive's own upkeep, after the databases have been dealt with:
//  - on scheduled and dispatched runs, how long the repository has been quiet, with a warning
//    weeks before GitHub disables the schedule (and, opt-in, re-enabling the workflow);
//  - telling someone when something is wrong: alert issues and a Slack or Discord webhook.
// None of it can fail the keep-alive: every problem becomes a warning that says what to add.
// All its calls run side by side under one time budget, and the GitHub client is loaded only
// by a run that makes a GitHub call: the default scheduled run reads the event payload instead.

import type { Env } from '../env.js';
import { runPlace, type RunPlace } from '../run-context.js';
import type { UpkeepSettings } from '../inputs/index.js';
import type { Report } from '../report/types.js';
import { setting } from '../wording.js';
import { activityFromEvent, toActivity, type Activity } from './activity.js';
import type { BackstopRequest } from './backstop.js';
import type { Budget, GitHubApi } from './github.js';
import { scheduleFacts } from './schedule.js';
import {
  keepBackstops,
  raiseIssues,
  rearmWorkflow,
  tellScheduleWarning,
  tellWebhook,
  type UpkeepRun,
} from './tasks.js';
import type { UpkeepOutcome } from './types.js';

function isScheduledRun(env: Env): boolean {
  return env.GITHUB_EVENT_NAME === 'schedule' || env.GITHUB_EVENT_NAME === 'workflow_dispatch';
}

/** Whether any upkeep applies to this run; when not, nothing of it runs. */
export function upkeepApplies(
  settings: UpkeepSettings,
  env: Env,
  backstop?: BackstopRequest,
): boolean {
  return (
    isScheduledRun(env) ||
    settings.alertIssue ||
    settings.webhookUrl !== undefined ||
    backstop !== undefined
  );
}

/**
 * All the upkeep's calls together get twice timeout-seconds (at least 5 s, at most 60 s): with
 * alerts for many failing databases it still ends in that time.
 */
export function upkeepBudgetMs(timeoutMs: number): number {
  return Math.min(60_000, Math.max(5_000, 2 * timeoutMs));
}

/**
 * The GitHub client's module. @actions/github builds its `context` as it loads, reading the file
 * at GITHUB_EVENT_PATH whole and unguarded: a FIFO hangs the step, /dev/zero fills the memory, an
 * empty file throws and no API call follows. The payload is read by activity.ts alone, so the
 * variable is hidden from the library while it loads (its `context` is never used).
 */
async function loadGitHubModule(): Promise<typeof import('./github.js')> {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  delete process.env.GITHUB_EVENT_PATH;
  try {
    return await import('./github.js');
  } finally {
    if (eventPath !== undefined) process.env.GITHUB_EVENT_PATH = eventPath;
  }
}

/** The GitHub client, loaded and made on first use only. */
function lazyGitHub(settings: UpkeepSettings, place: RunPlace, budget: Budget) {
  let api: Promise<GitHubApi> | undefined;
  return (): Promise<GitHubApi> => {
    api ??= (async () => {
      const [owner, repo] = place.repository.split('/');
      if (!settings.githubToken) {
        throw new Error(
          `${setting('github-token')} is empty: the upkeep cannot call GitHub. Leave it at its default, \${{ github.token }}.`,
        );
      }
      if (!owner || !repo) {
        throw new Error('GITHUB_REPOSITORY is not set: not running in GitHub Actions.');
      }
      const { GitHubApi } = await loadGitHubModule();
      return new GitHubApi(settings.githubToken, { owner, repo }, place.apiUrl, budget);
    })();
    return api;
  };
}

async function activityFromApi(github: GitHubApi): Promise<Activity> {
  const repository = await github.repository();
  const activity = toActivity(repository.pushedAt, repository.private, 'GitHub API');
  if (!activity) throw new Error('Reading the repository gave no usable pushed_at time.');
  return activity;
}

/** What the run adds to the upkeep's settings. */
export interface UpkeepContext {
  timeoutMs: number;
  env: Env;
  backstop?: BackstopRequest | undefined;
  /** This job's share of the databases, in a matrix. */
  shard?: { index: number; of: number } | undefined;
}

export async function runUpkeep(
  report: Report,
  settings: UpkeepSettings,
  { timeoutMs, env, backstop, shard }: UpkeepContext,
): Promise<UpkeepOutcome> {
  const outcome: UpkeepOutcome = {
    workflowRearmed: false,
    schedule: undefined,
    done: [],
    warnings: [],
  };
  const place = runPlace(env);
  const ms = upkeepBudgetMs(timeoutMs);
  const budget: Budget = { signal: AbortSignal.timeout(ms), ms };
  const attempt = async (task: () => Promise<void>) => {
    try {
      await task();
    } catch (error) {
      outcome.warnings.push(error instanceof Error ? error.message : String(error));
    }
  };
  const github = lazyGitHub(settings, place, budget);
  const leadsSchedule = shard === undefined || shard.index === 1;
  const run: UpkeepRun = {
    report,
    settings,
    place,
    budget,
    github,
    outcome,
    attempt,
    leadsSchedule,
  };
  if (isScheduledRun(env)) {
    await attempt(async () => {
      const event = activityFromEvent(env);
      if (event.problem) outcome.warnings.push(event.problem);
      const activity = event.activity ?? (await activityFromApi(await github()));
      outcome.schedule = scheduleFacts(activity, settings, report.now);
    });
    const facts = outcome.schedule;
    if (shard && !leadsSchedule && (facts?.warning !== undefined || settings.keepWorkflowAlive)) {
      outcome.done.push(
        `The schedule is looked after by shard 1/${shard.of}: this job neither sends its warning nor re-arms it.`,
      );
    }
  }
  const [, , issues] = await Promise.all([
    backstop && keepBackstops(run, backstop),
    settings.keepWorkflowAlive && rearmWorkflow(run),
    settings.alertIssue ? raiseIssues(run) : undefined,
    settings.webhookUrl !== undefined && tellWebhook(run, settings.webhookUrl),
  ]);
  await tellScheduleWarning(run, issues);
  outcome.warnings = [...new Set(outcome.warnings)];
  return outcome;
}
