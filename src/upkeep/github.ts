// The GitHub REST calls the action makes for its own upkeep, through @actions/github. Loaded on
// demand (see upkeep/index.ts): a run that needs no GitHub call never loads this module.
// Every call shares the upkeep's one time budget and is never retried; failures become
// GitHubError, which the caller turns into a warning: upkeep never fails the keep-alive itself.

import { getOctokit } from '@actions/github';
import { outside } from '../safe-text.js';

export interface Repo {
  owner: string;
  repo: string;
}

/** A failed GitHub call, with the permission that would have allowed it. */
class GitHubError extends Error {
  override readonly name = 'GitHubError';
  readonly status: number | undefined;
  constructor(what: string, status: number | undefined, detail: string, permission: string) {
    const hint =
      status === 403 || status === 401
        ? ` The job's token lacks a permission: add \`permissions: ${permission}\` to the job (or to the workflow).`
        : '';
    const said = outside(detail, 300);
    super(`${what} failed (${status === undefined ? said : `HTTP ${status}: ${said}`}).${hint}`);
    this.status = status;
  }
}

/** One time budget for all of the upkeep's calls, GitHub's and the webhook's. */
export interface Budget {
  signal: AbortSignal;
  ms: number;
}

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
      // Octokit reports an aborted request as "HTTP 500": it is the budget running out.
      if (this.signal.aborted) {
        const spent = `no answer within the upkeep's ${this.budgetMs / 1000} s`;
        throw new GitHubError(what, undefined, spent, permission);
      }
      // Octokit gives a failure without any answer (DNS, refused) the status 500: not one GitHub sent.
      const answered = (error as { response?: unknown }).response !== undefined;
      const status = answered ? (error as { status?: unknown }).status : undefined;
      const message = error instanceof Error ? error.message : String(error);
      throw new GitHubError(
        what,
        typeof status === 'number' ? status : undefined,
        message.split('\n')[0] ?? message,
        permission,
      );
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

  /** The open issues with `label` (pull requests aside), in one request. */
  async openIssues(label: string): Promise<AlertIssue[]> {
    const issues = await this.call<
      { number: number; html_url: string; body?: string | null; pull_request?: unknown }[]
    >('Looking for the alert issue', 'issues: read', 'GET /repos/{owner}/{repo}/issues', {
      labels: label,
      state: 'open',
      per_page: 100,
    });
    if (!Array.isArray(issues))
      throw new GitHubError(
        'Looking for the alert issue',
        undefined,
        'the answer is not a list',
        'issues: read',
      );
    return issues
      .filter((i) => typeof i.number === 'number' && !i.pull_request)
      .map((i) => ({
        number: i.number,
        url: typeof i.html_url === 'string' ? i.html_url : '',
        body: typeof i.body === 'string' ? i.body : '',
      }));
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
