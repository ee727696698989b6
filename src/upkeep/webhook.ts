// The Slack or Discord incoming webhook: one message when the keep-alive fails, one when it
// recovers, and one when the schedule's early warning first fires. The URL is a secret: it is
// never part of a message, and the request shares the upkeep's one time budget.

import type { RunPlace } from '../run-context.js';
import { isAbort } from '../transport/network.js';
import type { Report } from '../report/types.js';
import { post } from '../transport/http.js';
import { CAPS, outside } from '../safe-text.js';
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

export function webhookMessage(
  report: Report,
  place: RunPlace,
  event: WebhookEvent,
  warning = '',
): WebhookMessage {
  const where = place.repository ? ` (${place.repository})` : '';
  const link = place.runUrl ? ` ${place.runUrl}` : '';
  const failed = report.databases.filter((db) => db.error);
  const database =
    (event === 'failure' && failed.length > 0 ? failed : report.databases)
      .map((db) => db.database)
      .join(', ') || CONFIGURATION;
  const text = outside(`${headline(report, event, database + where, warning)}${link}`, 4000);
  return {
    // Slack reads <…> as links and mentions (<!channel>): escaped as Slack documents.
    text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    // Discord makes [text](url) a link: brackets and parentheses from anyone are escaped.
    content: discord(text),
    allowed_mentions: { parse: [] },
    event,
    ok: event !== 'failure',
    mode: report.mode,
    database,
    repository: place.repository,
    run_url: place.runUrl,
    error: event === 'failure' ? (report.error?.message ?? null) : null,
    kind: event === 'failure' ? (report.error?.kind ?? null) : null,
    fix: event === 'failure' ? (report.error?.fix ?? null) : null,
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
