// The GitHub REST calls the action makes for its own upkeep, through @actions/github. Loaded on
// demand (see upkeep/index.ts): a run that needs no GitHub call never loads this module.
// Every call shares the upkeep's one time budget and is never retried; failures become
// GitHubError, which the caller turns into a warning: upkeep never fails the keep-alive itself.

import { getOctokit } from '@actions/github';
import { isoTime } from './activity.js';
import { GitHubError, gitHubFailure } from './github-error.js';

export interface Repo {
  owner: string;
  repo: string;
}

/** One time budget for all of the upkeep's calls, GitHub's and the webhook's. */
export interface Budget {
  signal: AbortSignal;
  ms: number;
}

/** Open alert issues read at most: 10 pages of 100. */
const ISSUE_PAGES = 10;

interface RawIssue {
  number: unknown;
  html_url?: unknown;
  body?: unknown;
  pull_request?: unknown;
}

const alertIssue = (i: RawIssue): AlertIssue => ({
  number: i.number as number,
  url: typeof i.html_url === 'string' ? i.html_url : '',
  body: typeof i.body === 'string' ? i.body : '',
});

export interface AlertIssue {
  number: number;
  url: string;
  body?: string;
}

export class GitHubApi {
  private readonly octokit: ReturnType<typeof getOctokit>;
  private readonly repo: Repo;
  /** The upkeep's budget: aborts every call still running when it is spent. */
  private readonly signal: AbortSignal;
  private readonly budgetMs: number;

  constructor(token: string, repo: Repo, apiUrl: string, budget: Budget) {
    this.octokit = getOctokit(token, { baseUrl: apiUrl });
    this.repo = repo;
    this.signal = budget.signal;
    this.budgetMs = budget.ms;
  }

  private async call<T>(
    what: string,
    permission: string,
    route: string,
    params: Record<string, unknown> = {},
  ): Promise<T> {
    try {
      const response = await this.octokit.request(route, {
        ...this.repo,
        ...params,
        request: { signal: this.signal },
      });
      return response.data as T;
    } catch (error) {
      throw gitHubFailure(error, what, permission, this.signal.aborted ? this.budgetMs : undefined);
    }
  }

  /** When something was last pushed to the repository (any branch), and whether it is private. */
  async repository(): Promise<{ pushedAt: unknown; private: unknown }> {
    const data = await this.call<{ pushed_at?: unknown; private?: unknown }>(
      'Reading the repository',
      'contents: read',
      'GET /repos/{owner}/{repo}',
    );
    return { pushedAt: data.pushed_at, private: data.private };
  }

  async enableWorkflow(workflowFile: string): Promise<void> {
    await this.call(
      `Re-enabling workflow ${workflowFile}`,
      'actions: write',
      'PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable',
      { workflow_id: workflowFile },
    );
  }

  /** Whether the last completed run of this workflow before the current one failed. */
  async previousRunFailed(workflowFile: string, currentRunId: number): Promise<boolean> {
    const data = await this.call<{ workflow_runs?: { id: number; conclusion: string | null }[] }>(
      `Reading the runs of workflow ${workflowFile}`,
      'actions: read',
      'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      { workflow_id: workflowFile, status: 'completed', per_page: 5 },
    );
    const runs = Array.isArray(data.workflow_runs) ? data.workflow_runs : [];
    const previous = runs.find((run) => run.id !== currentRunId);
    return previous?.conclusion === 'failure';
  }

  /**
   * When this workflow last ran before the current run (`none`: never), from its two newest runs;
   * undefined when the answer does not say.
   */
  async previousRunTime(workflowFile: string, currentRunId: number | undefined) {
    const data = await this.call<{ workflow_runs?: unknown }>(
      `Reading the runs of workflow ${workflowFile}`,
      'actions: read',
      'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      { workflow_id: workflowFile, per_page: 2 },
    );
    if (!Array.isArray(data.workflow_runs)) return undefined;
    const runs = data.workflow_runs as {
      id?: unknown;
      run_started_at?: unknown;
      created_at?: unknown;
    }[];
    // Run ids grow: a run with a larger id started after this one (a run side by side).
    const earlier = runs.filter(
      (r) => typeof r.id === 'number' && (currentRunId === undefined || r.id < currentRunId),
    );
    const [previous] = earlier;
    if (!previous) return runs.length < 2 ? ('none' as const) : undefined;
    const ms = isoTime(previous.run_started_at ?? previous.created_at);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }

  /**
   * The open issues with `label` (pull requests aside), 100 a page, at most ISSUE_PAGES pages;
   * `complete` when no more are open. Pages are asked for by number, not followed through
   * Octokit's paginate: it drops the request's signal (the budget) after the first call.
   */
  async openIssues(label: string): Promise<{ issues: AlertIssue[]; complete: boolean }> {
    const what = 'Looking for the alert issue';
    const issues: AlertIssue[] = [];
    for (let page = 1; page <= ISSUE_PAGES; page++) {
      const list = await this.call<unknown>(
        what,
        'issues: read',
        'GET /repos/{owner}/{repo}/issues',
        {
          labels: label,
          state: 'open',
          per_page: 100,
          page,
        },
      );
      if (!Array.isArray(list)) {
        throw new GitHubError(what, undefined, 'the answer is not a list', 'issues: read');
      }
      issues.push(
        ...(list as RawIssue[])
          .filter((i) => typeof i.number === 'number' && !i.pull_request)
          .map(alertIssue),
      );
      if (list.length < 100) return { issues, complete: true };
    }
    return { issues, complete: false };
  }

  async openIssue(title: string, body: string, label: string): Promise<AlertIssue> {
    const data = await this.call<{ number: number; html_url: string }>(
      `Opening the alert issue "${title}"`,
      'issues: write',
      'POST /repos/{owner}/{repo}/issues',
      { title, body, labels: [label] },
    );
    return { number: data.number, url: data.html_url };
  }

  async comment(issue: number, body: string): Promise<void> {
    await this.call(
      `Commenting on issue #${issue}`,
      'issues: write',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { issue_number: issue, body },
    );
  }

  async closeIssue(issue: number): Promise<void> {
    await this.call(
      `Closing issue #${issue}`,
      'issues: write',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      { issue_number: issue, state: 'closed', state_reason: 'completed' },
    );
  }
}
