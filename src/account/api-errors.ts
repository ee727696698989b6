// What an answer of the Developer API that is not a success means, said with what to fix: the key
// refused (naming the inputs, and the accounts the API does not serve), a rate limit or a server
// error (retried within the budget), a redirect (never followed), a page that is not its JSON.

import { KeepaliveError } from '../errors.js';
import { transportFailure } from '../transport/network.js';
import type { HttpAnswer } from '../transport/exchange.js';
import { bodyStart, retryAfter } from '../transport/rest.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';

/** Where a person finds what this run needs, said in the fixes. */
const KEY_HELP =
  'an API key is made in the Upstash console → Account → Management API; pass it and the e-mail from secrets';

const NOT_SERVED =
  'an account made through Vercel or Fly.io is not served by the Developer API: give each database by url and token instead';

function detail(answer: HttpAnswer): string {
  const text = answer.statusText ? ` ${outside(answer.statusText, 60)}` : '';
  let said = '';
  try {
    const body = JSON.parse(answer.body) as { error?: unknown; message?: unknown } | null;
    const message = body?.error ?? body?.message;
    if (typeof message === 'string') said = `: ${outside(message, 200)}`;
  } catch {
    const start = bodyStart(answer.body);
    if (start !== '') said = `: "${start}"`;
  }
  return `HTTP ${answer.status}${text}${said}`;
}

export function apiHttpFailure(answer: HttpAnswer, host: string): KeepaliveError {
  const { status } = answer;
  const api = `The Upstash Developer API (${host})`;
  const what = detail(answer);
  if (status === 401 || status === 403) {
    return new KeepaliveError(
      'auth',
      `${api} rejected ${setting('upstash-email')} and ${setting('upstash-api-key')} (${what}).`,
      `give the e-mail of the Upstash account and one of its API keys (${KEY_HELP}); ${NOT_SERVED}.`,
    );
  }
  const wait = retryAfter(answer.header('retry-after')) ?? undefined;
  if (status === 429 || status >= 500) {
    return new KeepaliveError(
      status === 429 ? 'rate-limit' : 'server',
      `${api} answered ${status === 429 ? 'that it is rate limiting requests' : 'with a server error'} (${what}).`,
      "transient on Upstash's side: the run waits and retries within its time budget; the next run reads the account again.",
      { retryable: true, retryAfterMs: wait },
    );
  }
  if (status >= 300 && status < 400) {
    const location = answer.header('location') ?? '';
    let to = 'no Location';
    try {
      to = outside(new URL(location, 'http://x').host, 100);
    } catch {
      // an unreadable Location is named as such
    }
    return new KeepaliveError(
      'http',
      `${api} answered with a redirect (${what}, to ${to}): not followed, so the key was not sent there.`,
      `${setting('upstash-api-url')} must be the Developer API itself, https://api.upstash.com (a proxy that redirects cannot be used).`,
    );
  }
  return new KeepaliveError(
    'http',
    `${api} answered with an unexpected status (${what}).`,
    `${setting('upstash-api-url')} must be Upstash's Developer API, https://api.upstash.com (leave it empty for that).`,
  );
}

export function notTheApi(host: string, what: string): KeepaliveError {
  return new KeepaliveError(
    'protocol',
    `The answer of ${host} is not the JSON of Upstash's Developer API: ${what}.`,
    `${setting('upstash-api-url')} must be the Developer API, https://api.upstash.com; a proxy, captive portal or web page answered instead.`,
  );
}

export function apiNetworkFailure(error: unknown, host: string, timeoutMs: number): KeepaliveError {
  const base = transportFailure(error, `the Upstash Developer API (${host})`, timeoutMs);
  return new KeepaliveError(
    base.kind,
    base.message,
    `check the runner can reach ${host}, and ${setting('upstash-api-url')} if it is not the default; the databases given by url and token are kept alive all the same.`,
    { retryable: base.retryable, cause: error },
  );
}

/** Nothing more is sent once the time this part of the run has is spent. */
export function budgetSpent(host: string, budgetMs: number): KeepaliveError {
  return new KeepaliveError(
    'timeout',
    `The Upstash Developer API (${host}) was not asked again: the ${Math.round(budgetMs / 1000)} s this run gives it were spent.`,
    `transient, or the API is slow: the next run asks again; a larger ${setting('timeout-seconds')} gives it more time.`,
  );
}
