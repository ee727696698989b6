// The QStash client as every backstop call makes it, and what all of them share: reading one
// schedule (checked by shape.ts before it is believed), the fingerprint header, and saying a
// failure as a warning. Every call goes through withinQStash (guard.ts): a time limit, no
// redirect, a capped answer, a silent client.

import { Client, QstashError } from '@upstash/qstash';
import { outside } from '../safe-text.js';
import { QStashAnswerError } from './guard.js';
import type { BackstopSettings } from './plan.js';
import { scheduleShape, type SeenSchedule } from './shape.js';
import { refusedError, ScheduleLimitError } from './slots.js';

/**
 * The header QStash forwards with each beat, and returns with the schedule: the fingerprint.
 * Not an `Upstash-…` name: the client forwards every header but those.
 */
export const FINGERPRINT = 'Keepalive-Config';

export function client(settings: BackstopSettings): Client {
  // No retries (the upkeep's budget is the limit), no telemetry, never the dev server.
  return new Client({
    token: settings.token,
    baseUrl: settings.url,
    retry: false,
    enableTelemetry: false,
    devMode: false,
  });
}

/** What went wrong, as a warning that says what to fix; never the token, never raw text. */
export function backstopFailure(error: unknown, signal: AbortSignal, ms: number): string {
  if (signal.aborted) return `QStash did not answer within the upkeep's ${ms / 1000} s.`;
  if (error instanceof QStashAnswerError || error instanceof ScheduleLimitError) {
    return error.message;
  }
  if (error instanceof SyntaxError) return "QStash's answer is not JSON: check qstash-url.";
  if (error instanceof QstashError) {
    if (error.status === 401 || error.status === 403) {
      return `QStash refused the token given in qstash-token (HTTP ${error.status}): use the QSTASH_TOKEN of the Upstash console → QStash.`;
    }
    if (error.status === 412) return refusedError().message;
    return `QStash answered HTTP ${error.status}: ${outside(error.message, 300)}.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `QStash could not be reached (${outside(message, 200)}): check qstash-url, or QStash's status page.`;
}

/** The schedule QStash holds under this id, checked; undefined when there is none. */
export async function readSchedule(qstash: Client, id: string): Promise<SeenSchedule | undefined> {
  const answer: unknown = await qstash.schedules.get(id).catch((error: unknown) => {
    if (error instanceof QstashError && error.status === 404) return undefined;
    throw error;
  });
  return answer === undefined ? undefined : scheduleShape(answer);
}

/** The host a destination calls, for a message: never its path or query (`?_token=` may be). */
export function hostOf(destination: string): string {
  try {
    return outside(new URL(destination).host, 200);
  } catch {
    return 'a destination that is not a URL';
  }
}
