// The backstop's schedule at QStash, through Upstash's own client (@upstash/qstash). Loaded on
// demand: only a run given a QStash token loads this module and the client. Every call goes
// through withinQStash (guard.ts): a time limit, no redirect, a capped answer, a silent client;
// every schedule read back is checked (shape.ts) before it is believed.

import { Client, QstashError } from '@upstash/qstash';
import type { RestConnection } from '../connections/index.js';
import { outside } from '../safe-text.js';
import { QStashAnswerError, withinQStash } from './guard.js';
import {
  planBackstop,
  type BackstopPlan,
  type BackstopSettings,
  type BackstopState,
} from './plan.js';
import { scheduleShape, type SeenSchedule } from './shape.js';

/**
 * The header QStash forwards with each beat, and returns with the schedule: the fingerprint.
 * Not an `Upstash-…` name: the client forwards every header but those.
 */
const FINGERPRINT = 'Keepalive-Config';

function client(settings: BackstopSettings): Client {
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
  if (error instanceof QStashAnswerError) return error.message;
  if (error instanceof SyntaxError) return "QStash's answer is not JSON: check qstash-url.";
  if (error instanceof QstashError) {
    if (error.status === 401 || error.status === 403) {
      return `QStash refused the token given in qstash-token (HTTP ${error.status}): use the QSTASH_TOKEN of the Upstash console → QStash.`;
    }
    return `QStash answered HTTP ${error.status}: ${outside(error.message, 300)}.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `QStash could not be reached (${outside(message, 200)}): check qstash-url, or QStash's status page.`;
}

/** The schedule QStash holds under this id, checked; undefined when there is none. */
async function readSchedule(qstash: Client, id: string): Promise<SeenSchedule | undefined> {
  const answer: unknown = await qstash.schedules.get(id).catch((error: unknown) => {
    if (error instanceof QstashError && error.status === 404) return undefined;
    throw error;
  });
  return answer === undefined ? undefined : scheduleShape(answer);
}

/**
 * Creates the schedule, or updates it when it differs from the plan; says which. Only a
 * maintenance run (or `backstop install`) calls this: the token it forwards must be able to write.
 */
export async function ensureBackstop(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<{ state: Exclude<BackstopState, 'off'>; plan: BackstopPlan; paused: boolean }> {
  const plan = planBackstop(connection, prefix, settings);
  const qstash = client(settings);
  return withinQStash(signal, async () => {
    const existing = await readSchedule(qstash, plan.scheduleId);
    const same =
      existing !== undefined &&
      existing.cron === plan.cron &&
      existing.destination === plan.destination &&
      existing.header(FINGERPRINT) === plan.fingerprint;
    if (same) return { state: 'active' as const, plan, paused: existing.paused };
    await qstash.schedules.create({
      destination: plan.destination,
      cron: plan.cron,
      scheduleId: plan.scheduleId,
      method: 'POST',
      body: plan.body,
      retries: 3,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${connection.token}`,
        [FINGERPRINT]: plan.fingerprint,
      },
      // Kept for delivery, shown to nobody: the console and the API show a hash instead.
      redact: { header: ['Authorization'] },
    });
    return { state: existing ? ('updated' as const) : ('created' as const), plan, paused: false };
  });
}

/** The schedule as QStash holds it, read only (status and ping, `backstop status`). */
export interface BackstopSeen {
  plan: BackstopPlan;
  exists: boolean;
  /** Made from these very settings and token (the fingerprint matches). */
  current: boolean;
  /** Its time and destination are the plan's (whatever token it forwards). */
  sameTime: boolean;
  paused: boolean;
}

/** Whether the schedule exists, as QStash holds it; changes nothing. */
export async function backstopSchedule(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<BackstopSeen> {
  const plan = planBackstop(connection, prefix, settings);
  const existing = await withinQStash(signal, () =>
    readSchedule(client(settings), plan.scheduleId),
  );
  return {
    plan,
    exists: existing !== undefined,
    current: existing?.header(FINGERPRINT) === plan.fingerprint,
    sameTime: existing?.cron === plan.cron && existing.destination === plan.destination,
    paused: existing?.paused ?? false,
  };
}

/** Deletes the schedule the backstop made for this database and prefix, and nothing else. */
export async function removeBackstop(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<{ plan: BackstopPlan; removed: boolean }> {
  const { plan, exists } = await backstopSchedule(connection, prefix, settings, signal);
  if (exists) {
    await withinQStash(signal, () => client(settings).schedules.delete(plan.scheduleId));
  }
  return { plan, removed: exists };
}
