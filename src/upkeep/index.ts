// The keep-alive's own upkeep, after the databases have been dealt with:
//  - on scheduled and dispatched runs, how long the repository has been quiet, with a warning
//    weeks before GitHub disables the schedule (and, opt-in, re-enabling the workflow);
//  - telling someone when something is wrong: alert issues and a Slack or Discord webhook.
// None of it can fail the keep-alive: every problem becomes a warning that says what to add.
// All its calls run side by side under one time budget, and the GitHub client is loaded only
// by a run that makes a GitHub call: the default scheduled run reads the event payload instead.

import { runPlace, type RunPlace } from '../run-context.js';
import type { UpkeepSettings } from '../inputs.js';
import type { Report } from '../report.js';
import { setting } from '../wording.js';
import { activityFromEvent, toActivity, type Activity } from './activity.js';
import { manageIssues, type IssueLog } from './alert-issue.js';
import type { Budget, GitHubApi } from './github.js';
import { firstRunPastWarning, rearm, scheduleFacts, type ScheduleFacts } from './schedule.js';
import type { BackstopState } from '../backstop/plan.js';
import { ensureBackstops, type BackstopRequest } from './backstop.js';
import { postWebhook, webhookMessage } from './webhook.js';

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

function isScheduledRun(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_EVENT_NAME === 'schedule' || env.GITHUB_EVENT_NAME === 'workflow_dispatch';
}

/** Whether any upkeep applies to this run; when not, nothing of it runs. */
export function upkeepApplies(
  settings: UpkeepSettings,
  env: NodeJS.ProcessEnv,
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
      const { GitHubApi } = await import('./github.js');
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

/** When the run before this one happened, as far as the database tells. */
function previousRun(report: Report): Date | undefined {
  const previous = report.databases[0]?.outcome?.previousMaintenance;
  const ms = previous === undefined ? NaN : Date.parse(previous);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

export async function runUpkeep(
  report: Report,
  settings: UpkeepSettings,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
  backstop?: BackstopRequest,
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
  const github = lazyGitHub(settings, place, budget);
  const attempt = async (task: () => Promise<void>) => {
    try {
      await task();
    } catch (error) {
      outcome.warnings.push(error instanceof Error ? error.message : String(error));
    }
  };

  if (isScheduledRun(env)) {
    await attempt(async () => {
      const activity = activityFromEvent(env) ?? (await activityFromApi(await github()));
      outcome.schedule = scheduleFacts(activity, settings, report.now);
    });
  }
  const schedule = outcome.schedule;
  const ok = report.error === undefined;
  let issues: IssueLog | undefined;
  const tasks: Promise<void>[] = [];
  if (backstop) {
    tasks.push(
      ensureBackstops(backstop, budget).then((log) => {
        outcome.backstops = log.states;
        outcome.done.push(...log.done);
        outcome.warnings.push(...log.warnings);
      }),
    );
  }
  if (schedule && settings.keepWorkflowAlive) {
    tasks.push(
      attempt(async () => {
        const result = await rearm(await github(), place.workflowFile, schedule, settings);
        outcome.workflowRearmed = result.rearmed;
        outcome.done.push(result.line);
      }),
    );
  }
  if (settings.alertIssue) {
    tasks.push(
      attempt(async () => {
        issues = await manageIssues(await github(), report, place, schedule, attempt);
        outcome.done.push(...issues.done);
      }),
    );
  }
  const url = settings.webhookUrl;
  if (url !== undefined) {
    tasks.push(
      attempt(async () => {
        // A success is news only after a failure: the workflow's previous run says.
        const recovered =
          ok && place.workflowFile !== undefined && place.runId !== undefined
            ? await (await github()).previousRunFailed(place.workflowFile, place.runId)
            : false;
        if (!ok || recovered) {
          const event = ok ? 'recovery' : 'failure';
          await postWebhook(url, webhookMessage(report, place, event), budget);
          outcome.done.push(`Sent the ${event} message to the webhook.`);
        }
      }),
    );
  }
  await Promise.all(tasks);

  // The schedule's notice goes out once: with the issue that remembers it, or else from the
  // first run past warn-after-days.
  const warning = schedule?.warning;
  if (url !== undefined && schedule && warning !== undefined) {
    const once = issues
      ? issues.scheduleIssueOpened
      : firstRunPastWarning(schedule, settings, previousRun(report), report.now);
    if (once) {
      await attempt(async () => {
        await postWebhook(url, webhookMessage(report, place, 'schedule-warning', warning), budget);
        outcome.done.push('Sent the schedule warning to the webhook.');
      });
    }
  }
  outcome.warnings = [...new Set(outcome.warnings)];
  return outcome;
}
