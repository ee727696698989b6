// How long the repository has been without activity, which decides whether GitHub is about to
// disable its schedule (60 days, public repositories only). Read from the event payload the
// runner leaves at GITHUB_EVENT_PATH: a schedule run's payload carries `repository.pushed_at`
// and `repository.private` (though GitHub's table says "not applicable"), which saves a GitHub
// API request on every run; without them, one `GET /repos/{owner}/{repo}`.

import { readFileSync, statSync } from 'node:fs';

export interface Activity {
  /** The last push to any branch. */
  pushedAt: Date;
  /** undefined when neither the payload nor the API said. */
  private: boolean | undefined;
  from: 'event payload' | 'GitHub API';
}

/** A payload larger than this is not read (a schedule run's is a few kilobytes). */
const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

/** The event payload's repository facts, or undefined when it has no usable `pushed_at`. */
export function activityFromEvent(env: NodeJS.ProcessEnv): Activity | undefined {
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return undefined;
  try {
    if (statSync(file).size > MAX_PAYLOAD_BYTES) return undefined;
    const payload = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const repository = (payload as { repository?: Record<string, unknown> } | null)?.repository;
    return toActivity(repository?.pushed_at, repository?.private, 'event payload');
  } catch {
    return undefined; // missing or unreadable: the API is asked instead
  }
}

/**
 * `pushed_at` is an ISO time in most payloads and the API, but epoch seconds in push events;
 * anything else, or a time in the future, is not a usable answer.
 */
export function toActivity(
  pushedAt: unknown,
  isPrivate: unknown,
  from: Activity['from'],
  now = Date.now(),
): Activity | undefined {
  const ms =
    typeof pushedAt === 'number'
      ? pushedAt * 1000
      : typeof pushedAt === 'string' && pushedAt.length < 40
        ? Date.parse(pushedAt)
        : NaN;
  if (!Number.isFinite(ms) || ms <= 0 || ms > now + 5 * 60_000) return undefined;
  return {
    pushedAt: new Date(ms),
    private: typeof isPrivate === 'boolean' ? isPrivate : undefined,
    from,
  };
}

export const DAY_MS = 86_400_000;

export function daysSince(date: Date, now: Date): number {
  return Math.max(0, (now.getTime() - date.getTime()) / DAY_MS);
}
