// One retry policy for every transport: exponential backoff with jitter, and only for
// failures that another attempt can fix (KeepaliveError.retryable).

import { asKeepaliveError } from './failures.js';
import { KeepaliveError } from './errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff before jitter; doubles on each further attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The waits between attempts together never exceed this. */
  maxTotalWaitMs?: number;
}

/**
 * A run waits between attempts at most this long in all, Retry-After included: with any
 * max-attempts, a database takes at most max-attempts × timeout-seconds plus this.
 */
const MAX_TOTAL_WAIT_MS = 60_000;

export const DEFAULT_BACKOFF = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalWaitMs: MAX_TOTAL_WAIT_MS,
} as const;

/** Delay before attempt `next` (2, 3, …): half fixed, half random ("equal jitter"). */
export function backoffDelay(
  next: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (next - 2));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

export type Attempted<T> =
  { ok: true; value: T; attempts: number } | { ok: false; error: KeepaliveError; attempts: number };

export interface RetryHooks {
  onRetry?: (error: KeepaliveError, attempt: number, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<Attempted<T>> {
  const sleep = hooks.sleep ?? realSleep;
  let waited = 0;
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (thrown) {
      const error = asKeepaliveError(thrown);
      if (!error.retryable || n >= policy.maxAttempts) return { ok: false, error, attempts: n };
      const delay = backoffDelay(n + 1, policy, error.retryAfterMs, hooks.random);
      const budget = policy.maxTotalWaitMs ?? Infinity;
      if (waited + delay > budget) {
        const stopped = `${error.message} Not retried again: the waits between attempts would pass ${budget / 1000} s in all.`;
        return {
          ok: false,
          error: new KeepaliveError(error.kind, stopped, error.fix),
          attempts: n,
        };
      }
      waited += delay;
      hooks.onRetry?.(error, n, delay);
      await sleep(delay);
    }
  }
}

/** The log line of one retry, the same for the action and the command line. */
export function retryLine(
  error: KeepaliveError,
  attempt: number,
  maxAttempts: number,
  delayMs: number,
): string {
  const asked =
    error.retryAfterMs !== undefined && delayMs === Math.round(error.retryAfterMs)
      ? ', as the server asked (Retry-After)'
      : '';
  return `Attempt ${attempt} of ${maxAttempts} failed: ${error.message} Retrying in ${(delayMs / 1000).toFixed(1)} s${asked}.`;
}
