// The backstop's schedule at QStash, through Upstash's own client (@upstash/qstash). Loaded on
// demand: only a run given a QStash token loads this module and the client. Every call goes
// through withinQStash (guard.ts): a time limit, no redirect, a capped answer, a silent client;
// every schedule read back is checked (shape.ts) before it is believed.

import type { RestConnection } from '../connections/index.js';
import { outside } from '../safe-text.js';
import { client, FINGERPRINT, hostOf, readSchedule } from './client.js';
import { withinQStash } from './guard.js';
import { readSetBy, SET_BY, type SetBy } from './owner.js';
import { planBackstop, type BackstopPlan, type BackstopSettings } from './plan.js';

export { backstopFailure } from './client.js';
export { ensureBackstop, scheduleSlots } from './ensure.js';
export { ScheduleLimitError } from './slots.js';

/** The schedule as QStash holds it, read only (status and ping, `backstop status`). */
export interface BackstopSeen {
  plan: BackstopPlan;
  exists: boolean;
  /** Made from these very settings and token (the fingerprint matches). */
  current: boolean;
  /** Its time is the plan's (whatever token it forwards). */
  sameTime: boolean;
  /** It calls this database (else `calls` names the host it calls). */
  sameDestination: boolean;
  calls: string;
  /** The time it runs at ('' when there is none). */
  runsAt: string;
  paused: boolean;
  /** Who set it last, when it says. */
  setBy: SetBy | undefined;
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
    sameTime: existing?.cron === plan.cron,
    sameDestination: existing?.destination === plan.destination,
    calls: existing ? hostOf(existing.destination) : '',
    runsAt: outside(existing?.cron ?? '', 100),
    paused: existing?.paused ?? false,
    setBy: existing && readSetBy(existing.header(SET_BY), new Date()),
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
