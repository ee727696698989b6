// A failed GitHub call of the upkeep, said the way a person fixes it: what failed, what GitHub
// answered (bounded, printable), and the permission that would have allowed it.

import { outside } from '../safe-text.js';

export class GitHubError extends Error {
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

/** What Octokit threw, as a GitHubError; `spentMs` when the upkeep's budget ran out. */
export function gitHubFailure(
  error: unknown,
  what: string,
  permission: string,
  spentMs: number | undefined,
): GitHubError {
  if (error instanceof GitHubError) return error;
  // Octokit reports an aborted request as "HTTP 500": it is the budget running out.
  if (spentMs !== undefined) {
    const spent = `no answer within the upkeep's ${spentMs / 1000} s`;
    return new GitHubError(what, undefined, spent, permission);
  }
  // Octokit gives a failure without any answer (DNS, refused) the status 500: not one GitHub sent.
  const answered = (error as { response?: unknown }).response !== undefined;
  const status = answered ? (error as { status?: unknown }).status : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new GitHubError(
    what,
    typeof status === 'number' ? status : undefined,
    message.split('\n')[0] ?? message,
    permission,
  );
}
