// What an HTTP answer that is not a success of Upstash's REST protocol means: the token refused, a
// rate limit, a server error (retried, within the Retry-After cap), a redirect, a wrong URL.

import { KeepaliveError, type Target } from '../errors.js';
import { crossSlot, outOfMemory, permissionDenied, tokenRejected } from '../failures.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';

/**
 * Longest server-advised wait (Retry-After) a run accepts before another attempt. A longer one,
 * on a 429 or a 5xx alike, means "not today": the attempt is not retried, so a run's worst case
 * stays max-attempts × timeout-seconds plus at most this much between attempts.
 */
const MAX_RETRY_AFTER_MS = 30_000;

/** Why a server-advised wait stops the retries, or '' when it does not. */
function tooLong(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS) return '';
  const asked = Math.round(retryAfterMs / 1000);
  return `; not retried: it asked to wait ${asked} s (Retry-After), more than the ${MAX_RETRY_AFTER_MS / 1000} s a run waits`;
}

/** A refusal that Redis explains itself, relayed as the error of an HTTP answer. */
function byReason(error: string, target: Target): KeepaliveError | undefined {
  if (/^NOPERM\b/.test(error)) return permissionDenied(error, target);
  if (/^OOM\b/.test(error)) return outOfMemory(error, target.database);
  if (/^CROSSSLOT\b/.test(error)) return crossSlot(error, target.database);
  return undefined;
}

/** Classifies an HTTP answer that is not a success of the protocol. */
export function httpFailure(
  status: number,
  statusText: string,
  bodyError: string | undefined,
  target: Target,
  retryAfterMs?: number,
): KeepaliveError {
  const { database } = target;
  const said = bodyError !== undefined ? `: ${outside(bodyError)}` : '';
  const detail = `HTTP ${status}${statusText ? ` ${outside(statusText, 60)}` : ''}${said}`;
  if (status === 401 || status === 403) return tokenRejected(detail, target);
  const refusal = bodyError === undefined ? undefined : byReason(bodyError, target);
  if (refusal) return refusal;
  const wait = tooLong(retryAfterMs);
  if (status === 429 || (bodyError !== undefined && /limit exceeded/i.test(bodyError))) {
    const waitable = status === 429 && wait === '';
    return new KeepaliveError(
      'rate-limit',
      `${database} is rate limiting requests (${detail}${wait}).`,
      waitable
        ? 'transient: the action waits and retries; if it persists, check the usage limits of the plan in the Upstash console.'
        : 'a plan limit was reached: check the usage of the database in the Upstash console; the keep-alive needs only a few commands a day.',
      { retryable: waitable, retryAfterMs },
    );
  }
  if (status >= 500) {
    return new KeepaliveError(
      'server',
      `${database} answered with a server error (${detail}${wait}).`,
      wait === ''
        ? 'transient on the provider side: the action retries; if it persists, check the Upstash status page.'
        : 'the provider asks for a long pause: the next scheduled run tries again; if it persists, check the Upstash status page.',
      { retryable: wait === '', retryAfterMs },
    );
  }
  if (status >= 300 && status < 400) {
    return new KeepaliveError(
      'http',
      `${database} answered with a redirect (${detail}).`,
      'use the exact REST URL from the Upstash console (https://<name>.upstash.io), not one that redirects.',
    );
  }
  if (status === 400 && bodyError !== undefined) {
    return new KeepaliveError(
      'command',
      `The database refused the request (${detail}).`,
      `check ${setting('url')} points at an Upstash REST endpoint and that ${setting('key-prefix')} is not used by other data.`,
    );
  }
  return new KeepaliveError(
    'http',
    `${database} answered with an unexpected status (${detail}).`,
    status === 404 || status === 405
      ? `${setting('url')} must be the REST base URL (https://<name>.upstash.io) with no extra path.`
      : `check ${setting('url')} is the REST URL of the database from the Upstash console.`,
  );
}

export function unexpectedResponse(database: string, what: string): KeepaliveError {
  return new KeepaliveError(
    'protocol',
    `Unexpected response from ${database}: ${what}, not the JSON of Upstash's REST API.`,
    `${setting('url')} must be the REST URL of the database (https://<name>.upstash.io); a proxy, captive portal or web page answered instead.`,
  );
}
