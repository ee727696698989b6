// How long the repository has been without activity, which decides whether GitHub is about to
// disable its schedule (60 days, public repositories only). Read from the event payload the
// runner leaves at GITHUB_EVENT_PATH: a schedule run's payload carries `repository.pushed_at`
// and `repository.private` (though GitHub's table says "not applicable"), which saves a GitHub
// API request on every run; without them, one `GET /repos/{owner}/{repo}`.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { outside } from '../safe-text.js';

export interface Activity {
  /** The last push to any branch. */
  pushedAt: Date;
  /** undefined when neither the payload nor the API said. */
  private: boolean | undefined;
  from: 'event payload' | 'GitHub API';
}

/**
 * GitHub caps webhook payloads at 25 MB, and a push of many commits comes close: a payload over
 * this is not read (a schedule run's is a few kilobytes).
 */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/** What the payload gave: its facts, or why it could not be read (then the API is asked). */
export interface EventActivity {
  activity?: Activity;
  problem?: string;
}

/**
 * At most `max` bytes of the file, or undefined when it holds more: the size fstat gives is not
 * the size read (a /proc file says 0 and never ends), so the read itself is bounded.
 */
function readAtMost(fd: number, max: number): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    total += read;
    if (total > max) return undefined;
    chunks.push(chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** The payload's text, or why it was not read. */
function readPayload(file: string): { text?: string; problem?: string } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO nobody writes to would otherwise wait forever. (Windows has
    // no O_NONBLOCK, nor such FIFOs.)
    const nonBlocking = (constants as Partial<typeof constants>).O_NONBLOCK ?? 0;
    fd = openSync(file, constants.O_RDONLY | nonBlocking);
  } catch (error) {
    return { problem: `cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    // The file opened is the file checked: a FIFO or a device could make a read never end.
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'is not a regular file' };
    if (stat.size > MAX_PAYLOAD_BYTES) return { problem: 'is over 25 MiB' };
    const text = readAtMost(fd, MAX_PAYLOAD_BYTES);
    return text === undefined ? { problem: 'is over 25 MiB' } : { text };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * The event payload's repository facts. No activity when the payload has no usable `pushed_at`
 * or `private` (the API answers both), with a problem when the file itself is unusable.
 */
export function activityFromEvent(env: NodeJS.ProcessEnv): EventActivity {
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return {};
  const why = (problem: string) => ({
    problem: `The event payload (GITHUB_EVENT_PATH ${outside(file, 300)}) ${problem}: the last push is read from the GitHub API instead.`,
  });
  const { text, problem } = readPayload(file);
  if (text === undefined) return why(problem ?? 'cannot be read');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return why('is not valid JSON');
  }
  const repository = (payload as { repository?: unknown } | null)?.repository;
  if (typeof repository !== 'object' || repository === null) return {};
  const { pushed_at: pushedAt, private: isPrivate } = repository as Record<string, unknown>;
  // Only a boolean says: "true" (a string) is not GitHub's answer, the API is asked instead.
  if (typeof isPrivate !== 'boolean') return {};
  return { activity: toActivity(pushedAt, isPrivate, 'event payload') };
}

/** An ISO 8601 date-time as GitHub writes them: date, time, Z or an offset; nothing shorter. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The time of a strict ISO 8601 date-time, or NaN. Hand-written because Date.parse also takes
 * "1", "2026" or "May 5", and rolls 2026-02-31 over into March.
 */
export function isoTime(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return NaN;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return NaN;
  return Date.parse(text);
}

/** No repository was pushed to before GitHub opened (2008): an earlier time is not an answer. */
const GITHUB_BEGAN_MS = Date.UTC(2008, 0, 1);

/**
 * `pushed_at` is an ISO date-time in schedule payloads and the API, and whole epoch seconds in
 * push payloads; anything else, a time before GitHub existed (`1` is not a push in 1970) or in
 * the future, is not a usable answer.
 */
export function toActivity(
  pushedAt: unknown,
  isPrivate: unknown,
  from: Activity['from'],
  now = Date.now(),
): Activity | undefined {
  const ms =
    typeof pushedAt === 'number'
      ? Number.isSafeInteger(pushedAt)
        ? pushedAt * 1000
        : NaN
      : isoTime(pushedAt);
  if (!Number.isFinite(ms) || ms < GITHUB_BEGAN_MS || ms > now + 5 * 60_000) return undefined;
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
