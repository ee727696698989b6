// The backstop's schedule at QStash, through Upstash's own client (@upstash/qstash). Loaded on
// demand: only a run given a QStash token loads this module and the client.
//
// Two things the client does not offer are added around its calls, by hand: a time limit (it
// takes no AbortSignal: its fetch gets the upkeep's signal for the duration of the call), and
// silence (it writes its failures to the console, unescaped: the action says them itself,
// escaped, as warnings).

import { Client, QstashError } from '@upstash/qstash';
import type { RestConnection } from '../connections/index.js';
import { outside } from '../safe-text.js';
import {
  planBackstop,
  type BackstopPlan,
  type BackstopSettings,
  type BackstopState,
} from './plan.js';

/**
 * The header QStash forwards with each beat, and returns with the schedule: the fingerprint.
 * Not an `Upstash-…` name: the client forwards every header but those.
 */
const FINGERPRINT = 'Keepalive-Config';

/** Runs `call` with the client's fetch bound to `signal` and its console output silenced. */
async function bounded<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  const { fetch: original } = globalThis;
  const quiet = { warn: console.warn, error: console.error, log: console.log };
  globalThis.fetch = (input, init) =>
    original(input, {
      ...init,
      signal: AbortSignal.any([signal, ...(init?.signal ? [init.signal] : [])]),
    });
  console.warn = console.error = console.log = () => undefined;
  try {
    return await call();
  } finally {
    globalThis.fetch = original;
    Object.assign(console, quiet);
  }
}

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
  if (error instanceof QstashError) {
    if (error.status === 401 || error.status === 403) {
      return `QStash refused the token given in qstash-token (HTTP ${error.status}): use the QSTASH_TOKEN of the Upstash console → QStash.`;
    }
    return `QStash answered HTTP ${error.status}: ${outside(error.message, 300)}.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `QStash could not be reached (${outside(message, 200)}): check qstash-url, or QStash's status page.`;
}

function headerValue(headers: Record<string, string[]> | undefined, name: string): string {
  const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found?.[1][0] ?? '';
}

/** Creates the schedule, or updates it when it differs from the plan; says which. */
export async function ensureBackstop(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<{ state: Exclude<BackstopState, 'off'>; plan: BackstopPlan; paused: boolean }> {
  const plan = planBackstop(connection, prefix, settings);
  const qstash = client(settings);
  return bounded(signal, async () => {
    const existing = await qstash.schedules.get(plan.scheduleId).catch((error: unknown) => {
      if (error instanceof QstashError && error.status === 404) return undefined;
      throw error;
    });
    const same =
      existing !== undefined &&
      existing.cron === plan.cron &&
      existing.destination === plan.destination &&
      headerValue(existing.header, FINGERPRINT) === plan.fingerprint;
    if (same) return { state: 'active' as const, plan, paused: existing.isPaused };
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

/** Whether the schedule exists, as QStash holds it. */
export async function backstopSchedule(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<{ plan: BackstopPlan; exists: boolean; current: boolean; paused: boolean }> {
  const plan = planBackstop(connection, prefix, settings);
  return bounded(signal, async () => {
    const existing = await client(settings)
      .schedules.get(plan.scheduleId)
      .catch((error: unknown) => {
        if (error instanceof QstashError && error.status === 404) return undefined;
        throw error;
      });
    return {
      plan,
      exists: existing !== undefined,
      current: headerValue(existing?.header, FINGERPRINT) === plan.fingerprint,
      paused: existing?.isPaused ?? false,
    };
  });
}

/** Deletes the schedule the backstop made for this database and prefix, and nothing else. */
export async function removeBackstop(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
  signal: AbortSignal,
): Promise<{ plan: BackstopPlan; removed: boolean }> {
  const { plan, exists } = await backstopSchedule(connection, prefix, settings, signal);
  if (exists) await bounded(signal, () => client(settings).schedules.delete(plan.scheduleId));
  return { plan, removed: exists };
}
