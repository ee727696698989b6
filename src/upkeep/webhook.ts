// The Slack or Discord incoming webhook: one message when the keep-alive fails, one when it
// recovers, and one when the schedule's early warning first fires. The URL is a secret: it is
// never part of a message, and the request shares the upkeep's one time budget.

import type { RunPlace } from '../run-context.js';
import { isAbort } from '../transport/network.js';
import type { Report } from '../report/types.js';
import { post } from '../transport/http.js';
import { bounded, CAPS, outside, utf8Bytes } from '../safe-text.js';
import { CONFIGURATION } from './alert-issue.js';
import type { Budget } from './github.js';

export type WebhookEvent = 'failure' | 'recovery' | 'schedule-warning';

export interface WebhookMessage {
  /** Slack incoming webhooks read `text`… */
  text: string;
  /** …Discord webhooks read `content` (at most 2,000 characters)… */
  content: string;
  /** …and ping nobody, whatever a quoted server text says (@everyone). */
  allowed_mentions: { parse: never[] };
  event: WebhookEvent;
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

/** `who` is the databases and the repository, as "db.upstash.io (octo-org/repo)". */
function headline(report: Report, event: WebhookEvent, who: string, warning: string) {
  switch (event) {
    case 'failure':
      return `❌ Upstash keep-alive failed for ${who}: ${report.error?.describe() ?? ''}`;
    case 'recovery':
      return `✅ Upstash keep-alive recovered for ${who}: ${report.mode} succeeded.`;
    case 'schedule-warning':
      return `⚠️ Upstash keep-alive for ${who}: ${warning}`;
  }
}

function discord(text: string): string {
  const escaped = text.replace(/[[\]()\\*_~`|>]/g, '\\$&');
  return escaped.length > 2000 ? `${escaped.slice(0, 1997)}...` : escaped;
}

/** Slack reads <…> as links and mentions (<!channel>): escaped as Slack documents. */
const slack = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Each field's share of a message, in bytes of JSON: together (58,000, with the names and the
 * short fields) under the 64 KB past which chat services refuse a message, whatever it quotes.
 */
const FIELD_BYTES = {
  text: 16_000,
  content: 8_000,
  database: 4_000,
  error: 24_000,
  fix: 4_000,
  place: 1_000,
} as const;

/** Databases named in a message at most: the rest are a count (the summary lists them all). */
const NAMES_CHARS = 1_000;

const jsonBytes = (value: string) => utf8Bytes(JSON.stringify(value));

/**
 * `shape(text)` in at most `max` bytes of JSON: `text` cut ("… (N bytes more)") before it is
 * shaped, so that no escape is cut in two. The longest prefix that fits, by bisection.
 */
function fitted(text: string, max: number, shape = (t: string) => t): string {
  if (jsonBytes(shape(text)) <= max) return shape(text);
  let [fits, over] = [0, text.length];
  while (over - fits > 1) {
    const mid = Math.floor((fits + over) / 2);
    if (jsonBytes(shape(bounded(text, mid))) <= max) fits = mid;
    else over = mid;
  }
  return shape(bounded(text, fits));
}

/** "a, b, c, and 997 more": as many names as NAMES_CHARS holds, then how many are left. */
function names(databases: string[]): string {
  let shown = 0;
  let length = 0;
  for (const name of databases) {
    if (shown > 0 && length + name.length + 2 > NAMES_CHARS) break;
    length += name.length + 2;
    shown++;
  }
  const rest = databases.length - shown;
  return [...databases.slice(0, shown), ...(rest > 0 ? [`and ${rest} more`] : [])].join(', ');
}

export function webhookMessage(
  report: Report,
  place: RunPlace,
  event: WebhookEvent,
  warning = '',
): WebhookMessage {
  const where = place.repository ? ` (${place.repository})` : '';
  const link = place.runUrl ? ` ${place.runUrl}` : '';
  const failed = report.databases.filter((db) => db.error);
  const listed = event === 'failure' && failed.length > 0 ? failed : report.databases;
  const named = names(listed.map((db) => db.database)) || CONFIGURATION;
  const database = fitted(named, FIELD_BYTES.database);
  const text = outside(`${headline(report, event, database + where, warning)}${link}`, 4000);
  const failure = event === 'failure' ? report.error : undefined;
  return {
    text: fitted(text, FIELD_BYTES.text, slack),
    // Discord makes [text](url) a link: brackets and parentheses from anyone are escaped.
    content: fitted(text, FIELD_BYTES.content, discord),
    allowed_mentions: { parse: [] },
    event,
    ok: event !== 'failure',
    mode: report.mode,
    database,
    repository: fitted(place.repository, FIELD_BYTES.place),
    run_url: fitted(place.runUrl, FIELD_BYTES.place),
    error: failure ? fitted(failure.message, FIELD_BYTES.error) : null,
    kind: failure?.kind ?? null,
    fix: failure ? fitted(failure.fix, FIELD_BYTES.fix) : null,
    at: report.now.toISOString(),
  };
}

export async function postWebhook(
  url: string,
  message: WebhookMessage,
  budget: Budget,
): Promise<void> {
  let status: number;
  try {
    const headers = { 'Content-Type': 'application/json' };
    const answer = await post(url, headers, JSON.stringify(message), {
      signal: budget.signal,
      maxBytes: CAPS.replyBytes,
    });
    status = answer.status;
  } catch (error) {
    const why = isAbort(error)
      ? `no answer within the upkeep's ${budget.ms / 1000} s`
      : 'could not connect';
    // The URL is a secret: never part of the message.
    throw new Error(`Posting to webhook-url failed (${why}).`, { cause: error });
  }
  if (status < 200 || status > 299) {
    throw new Error(
      `Posting to webhook-url failed (HTTP ${status}): check the webhook still exists.`,
    );
  }
}
