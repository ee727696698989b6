// The keep-alive's own upkeep, after the database has been dealt with:
//  - re-arm the workflow's schedule, which GitHub disables in a public repository after 60 days
//    without activity (a keep-alive repository is exactly such a quiet one);
//  - tell someone when it fails: an issue that is opened, commented and closed, and/or a webhook.
// None of this can fail the keep-alive: every problem becomes a warning that says what to add.
// The GitHub client is loaded only when one of these tasks applies to this run.

import type { CareSettings } from './inputs.js';
import type { DatabaseReport } from './engine.js';
import { isAbort } from './errors.js';
import type { AlertIssue, Budget } from './github.js';
import type { Report } from './report.js';
import { markdown, outside } from './safe-text.js';

/**
 * All the upkeep's calls together get twice timeout-seconds (at least 5 s, at most 60 s): with
 * alerts for many failing databases it still ends in that time, its calls running side by side.
 */
export function upkeepBudgetMs(timeoutMs: number): number {
  return Math.min(60_000, Math.max(5_000, 2 * timeoutMs));
}

export const ALERT_LABEL = 'upstash-keepalive';

export interface CareOutcome {
  workflowRearmed: boolean;
  /** What was done, for the log and the summary. */
  done: string[];
  /** What could not be done, and how to allow it. */
  warnings: string[];
}

interface RunInfo {
  repository: string;
  runId: number | undefined;
  runUrl: string;
  event: string;
  workflowFile: string | undefined;
  apiUrl: string;
}

function runInfo(env: NodeJS.ProcessEnv): RunInfo {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const runId = Number(env.GITHUB_RUN_ID);
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/keepalive.yml@refs/heads/main
  const ref = env.GITHUB_WORKFLOW_REF ?? '';
  const file = /\/\.github\/workflows\/([^/@]+)@/.exec(ref)?.[1];
  return {
    repository,
    runId: Number.isSafeInteger(runId) && runId > 0 ? runId : undefined,
    runUrl:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : '',
    event: env.GITHUB_EVENT_NAME ?? '',
    workflowFile: file,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
  };
}

/** Whether any upkeep applies to this run; when not, nothing of it is loaded. */
export function careApplies(care: CareSettings, env: NodeJS.ProcessEnv): boolean {
  return rearmApplies(care, env) || care.alertIssue || care.webhookUrl !== undefined;
}

function rearmApplies(care: CareSettings, env: NodeJS.ProcessEnv): boolean {
  const event = env.GITHUB_EVENT_NAME;
  return care.keepWorkflowAlive && (event === 'schedule' || event === 'workflow_dispatch');
}

export async function takeCare(
  report: Report,
  care: CareSettings,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<CareOutcome> {
  const outcome: CareOutcome = { workflowRearmed: false, done: [], warnings: [] };
  const run = runInfo(env);
  const ok = report.error === undefined;
  const wantRearm = rearmApplies(care, env);
  const needGitHub = wantRearm || care.alertIssue || (care.webhookUrl !== undefined && ok);
  const ms = upkeepBudgetMs(timeoutMs);
  const budget: Budget = { signal: AbortSignal.timeout(ms), ms };

  let api: import('./github.js').GitHubApi | undefined;
  if (needGitHub) {
    const [owner, repo] = run.repository.split('/');
    if (!care.githubToken) {
      outcome.warnings.push(
        "Input 'github-token' is empty: the schedule cannot be re-armed nor an issue managed. Leave it at its default, ${{ github.token }}.",
      );
    } else if (!owner || !repo) {
      outcome.warnings.push(
        'GITHUB_REPOSITORY is not set: not running in GitHub Actions, upkeep skipped.',
      );
    } else {
      const { GitHubApi } = await import('./github.js');
      api = new GitHubApi(care.githubToken, { owner, repo }, run.apiUrl, budget);
    }
  }

  const attempt = async (task: () => Promise<void>) => {
    try {
      await task();
    } catch (error) {
      outcome.warnings.push(error instanceof Error ? error.message : String(error));
    }
  };
  // Independent tasks run side by side, all under the one budget.
  const tasks: Promise<void>[] = [];
  if (wantRearm && api) tasks.push(attempt(() => rearm(api, run, care, outcome)));
  if (care.alertIssue && api) {
    tasks.push(attempt(() => manageIssues(api, report, run, outcome, attempt)));
  }
  if (care.webhookUrl !== undefined) {
    const url = care.webhookUrl;
    tasks.push(
      attempt(async () => {
        let recovered = false;
        if (ok && api && run.workflowFile && run.runId !== undefined) {
          recovered = await api.previousRunFailed(run.workflowFile, run.runId);
        }
        if (!ok || recovered) {
          await postWebhook(url, webhookMessage(report, run, ok ? 'recovery' : 'failure'), budget);
          outcome.done.push(`Sent the ${ok ? 'recovery' : 'failure'} message to the webhook.`);
        }
      }),
    );
  }
  await Promise.all(tasks);
  return outcome;
}

async function rearm(
  github: import('./github.js').GitHubApi,
  run: RunInfo,
  care: CareSettings,
  outcome: CareOutcome,
): Promise<void> {
  if (!run.workflowFile)
    throw new Error('GITHUB_WORKFLOW_REF does not name the workflow file: schedule not re-armed.');
  const days = (Date.now() - (await github.pushedAt()).getTime()) / 86_400_000;
  const shown = `${Math.floor(days)} day${Math.floor(days) === 1 ? '' : 's'} ago`;
  if (days < care.keepAliveAfterDays) {
    outcome.done.push(
      `Schedule left as is: the last push was ${shown}, under keep-alive-after-days (${care.keepAliveAfterDays}).`,
    );
    return;
  }
  await github.enableWorkflow(run.workflowFile);
  outcome.workflowRearmed = true;
  outcome.done.push(`Re-armed the schedule of ${run.workflowFile}: the last push was ${shown}.`);
}

async function manageIssues(
  github: import('./github.js').GitHubApi,
  report: Report,
  run: RunInfo,
  outcome: CareOutcome,
  attempt: (task: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const open = await github.openIssues(ALERT_LABEL);
  const find = (database: string) => open.find((i) => i.body?.includes(marker(database)));
  // One issue per database, so each is opened and closed on its own; refused inputs (no
  // database reached at all) get one of their own, closed once the inputs are accepted.
  const subjects: DatabaseReport[] =
    report.databases.length > 0
      ? report.databases
      : [{ database: CONFIGURATION, source: '', attempts: 0, error: report.error }];
  const tasks = subjects.map((db) =>
    attempt(() =>
      manageIssue(github, report.mode, db, report.now, run, outcome, find(db.database)),
    ),
  );
  const configuration = find(CONFIGURATION);
  if (report.databases.length > 0 && configuration) {
    tasks.push(
      attempt(() =>
        closeIssue(github, configuration, 'The inputs are accepted again', run, outcome),
      ),
    );
  }
  await Promise.all(tasks);
}

/** The subject of the alert issue about refused inputs, when no database could be tried. */
const CONFIGURATION = 'its configuration';

function runLink(run: RunInfo): string {
  return run.runUrl ? `[run ${run.runId ?? ''}](${run.runUrl})` : 'a run';
}

async function closeIssue(
  github: import('./github.js').GitHubApi,
  issue: AlertIssue,
  why: string,
  run: RunInfo,
  outcome: CareOutcome,
): Promise<void> {
  await github.comment(issue.number, `${why} in ${runLink(run)}. Closing.`);
  await github.closeIssue(issue.number);
  outcome.done.push(`Closed alert issue #${issue.number}: the keep-alive works again.`);
}

function marker(database: string): string {
  return `<!-- upstash-keepalive: database=${database} -->`;
}

async function manageIssue(
  github: import('./github.js').GitHubApi,
  mode: string,
  db: DatabaseReport,
  now: Date,
  run: RunInfo,
  outcome: CareOutcome,
  open: AlertIssue | undefined,
): Promise<void> {
  const link = runLink(run);
  if (db.error) {
    // The cause quotes what servers said: escaped, so it renders as text in the issue.
    const details = [
      `**Cause:** ${markdown(db.error.message)}`,
      '',
      `**Fix:** ${markdown(db.error.fix)}`,
      '',
      `Mode ${markdown(mode)}, ${db.attempts} attempt(s), ${now.toISOString()}.`,
    ].join('\n');
    if (open) {
      await github.comment(open.number, `Still failing in ${link}.\n\n${details}`);
      outcome.done.push(`Commented on alert issue #${open.number}.`);
    } else {
      const body = [
        marker(db.database),
        `The keep-alive of **${db.database}** failed in ${link}.`,
        '',
        details,
        '',
        'This issue is managed by upstash-keepalive: later failures are added as comments, and the next successful run closes it.',
      ].join('\n');
      const issue = await github.openIssue(
        `Upstash keep-alive is failing: ${db.database}`,
        body,
        ALERT_LABEL,
      );
      outcome.done.push(`Opened alert issue #${issue.number}.`);
    }
  } else if (open) {
    await closeIssue(github, open, `Recovered: ${mode} succeeded`, run, outcome);
  }
}

export interface WebhookMessage {
  /** Slack incoming webhooks read `text`… */
  text: string;
  /** …Discord webhooks read `content` (at most 2,000 characters)… */
  content: string;
  /** …and ping nobody, whatever a quoted server text says (@everyone). */
  allowed_mentions: { parse: never[] };
  event: 'failure' | 'recovery';
  ok: boolean;
  mode: string;
  database: string;
  repository: string;
  run_url: string;
  error: string | null;
  kind: string | null;
  fix: string | null;
  at: string;
}

export function webhookMessage(
  report: Report,
  run: RunInfo,
  event: 'failure' | 'recovery',
): WebhookMessage {
  const where = run.repository ? ` (${run.repository})` : '';
  const link = run.runUrl ? ` ${run.runUrl}` : '';
  const failed = report.databases.filter((db) => db.error);
  const database =
    (event === 'failure' && failed.length > 0 ? failed : report.databases)
      .map((db) => db.database)
      .join(', ') || CONFIGURATION;
  const text = outside(
    event === 'failure'
      ? `❌ Upstash keep-alive failed for ${database}${where}: ${report.error?.describe() ?? ''}${link}`
      : `✅ Upstash keep-alive recovered for ${database}${where}: ${report.mode} succeeded.${link}`,
    4000,
  );
  return {
    // Slack reads <…> as links and mentions (<!channel>): escaped as Slack documents.
    text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    content: text.length > 2000 ? `${text.slice(0, 1997)}...` : text,
    allowed_mentions: { parse: [] },
    event,
    ok: event === 'recovery',
    mode: report.mode,
    database,
    repository: run.repository,
    run_url: run.runUrl,
    error: report.error?.message ?? null,
    kind: report.error?.kind ?? null,
    fix: report.error?.fix ?? null,
    at: report.now.toISOString(),
  };
}

async function postWebhook(url: string, message: WebhookMessage, budget: Budget): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'error',
      signal: budget.signal,
    });
    await response.body?.cancel(); // the answer is not read: only its status counts
  } catch (error) {
    const why = isAbort(error)
      ? `no answer within the upkeep's ${budget.ms / 1000} s`
      : 'could not connect';
    // The URL is a secret: never part of the message.
    throw new Error(`Posting to webhook-url failed (${why}).`, { cause: error });
  }
  if (!response.ok) {
    throw new Error(
      `Posting to webhook-url failed (HTTP ${response.status}): check the webhook still exists.`,
    );
  }
}
