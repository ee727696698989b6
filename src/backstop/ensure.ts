// Making the backstop's schedule current (maintenance, `backstop install`): created in a slot of
// the plan's limit (slots.ts), updated in place when it differs from the plan, pointed back when
// it calls another host, and left as it is when another setter set it recently (owner.ts).

import { QstashError, type Client } from '@upstash/qstash';
import type { RestConnection } from '../connections/index.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';
import { client, FINGERPRINT, hostOf, readSchedule } from './client.js';
import { QStashAnswerError, QStashTooLargeError, withinQStash } from './guard.js';
import { HOLD_DAYS, readSetBy, setByValue, SET_BY, stillHeld, type SetBy } from './owner.js';
import type { SeenSchedule } from './shape.js';
import {
  planBackstop,
  type BackstopPlan,
  type BackstopSettings,
  type BackstopState,
} from './plan.js';
import { slotsOf, type ScheduleSlots } from './slots.js';

/**
 * The account's list of schedules may be long: about 3.4 KB for each of the backstop's (its
 * script is in the body), so 8 MiB holds some 2,400; past that, backstop-max-schedules 0.
 */
const LIST_CAP = 8 * 1024 * 1024;

/** One run's slots for new schedules (slots.ts): the account's schedules, listed once. */
export function scheduleSlots(settings: BackstopSettings, signal: AbortSignal): ScheduleSlots {
  const count = async () => {
    // The client's own requester: schedules.list() walks the answer before it can be checked.
    const answer: unknown = await client(settings)
      .http.request({ method: 'GET', path: ['v2', 'schedules'] })
      .catch((error: unknown) => {
        if (!(error instanceof QStashTooLargeError)) throw error;
        throw new QStashAnswerError(
          `QStash's list of schedules is larger than ${LIST_CAP / 1024 / 1024} MiB: for an account this large, set ${setting('backstop-max-schedules')} to 0 (not counted), or check qstash-url.`,
        );
      });
    if (!Array.isArray(answer)) {
      throw new QStashAnswerError("QStash's list of schedules is not a list: check qstash-url.");
    }
    return answer.length;
  };
  return slotsOf(settings.maxSchedules, () => withinQStash(signal, count, LIST_CAP));
}

/** What a run that makes schedules brings along. */
export interface EnsureRun {
  slots: ScheduleSlots;
  /** Who sets the schedule (owner.ts). */
  owner: string;
  /** Sets it whoever set it last: `backstop install`, asked for by a person. */
  force: boolean;
}

/** A schedule another setter set: its setter and time. */
interface Foreign {
  by: SetBy;
  cron: string;
}

export interface Ensured {
  state: Exclude<BackstopState, 'off'>;
  plan: BackstopPlan;
  paused: boolean;
  /** It called this host, not the database: pointed back. */
  repointed?: string;
  /** Its body or method had been edited: put back. */
  edited?: boolean;
  /** Another setter's, set recently: left as it is. */
  held?: Foreign;
  /** Another setter's, not set for HOLD_DAYS: replaced. */
  tookOver?: Foreign;
  /** Made: the schedules the account now holds, when counted. */
  accountHolds?: number;
}

/** A new schedule, in a slot of the plan's limit; a 412 ends this run's asking. */
async function made(slots: ScheduleSlots, put: () => Promise<unknown>) {
  await slots.take();
  try {
    await put();
  } catch (error) {
    slots.release();
    if (error instanceof QstashError && error.status === 412) throw slots.refused();
    throw error;
  }
  return slots.held();
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
  run: EnsureRun,
): Promise<Ensured> {
  const plan = planBackstop(connection, prefix, settings);
  const qstash = client(settings);
  const put = () => write(qstash, plan, connection.token, run.owner);
  return withinQStash(signal, async (): Promise<Ensured> => {
    const existing = await readSchedule(qstash, plan.scheduleId);
    if (existing === undefined) {
      return { state: 'created', plan, paused: false, accountHolds: await made(run.slots, put) };
    }
    if (existing.destination !== plan.destination) {
      await put();
      return { state: 'updated', plan, paused: false, repointed: hostOf(existing.destination) };
    }
    const { cron, paused } = existing;
    const now = new Date();
    const by = readSetBy(existing.header(SET_BY), now);
    if (cron === plan.cron && existing.header(FINGERPRINT) === plan.fingerprint) {
      // Its body or method edited by other hands: every beat would write nothing. Put back.
      if (!delivers(existing, plan)) return { ...(await updated(put, plan)), edited: true };
      // Its setter's mark renewed in time, so that a running workflow never looks stopped.
      if (by?.who === run.owner && !stillHeld(by, new Date(now.getTime() + RENEW_MS))) {
        await put();
      }
      return { state: 'active', plan, paused };
    }
    // Its time is QStash's answer: printable and bounded before a message quotes it.
    const foreign = by && by.who !== run.owner ? { by, cron: outside(cron, 100) } : undefined;
    if (foreign && !run.force && stillHeld(foreign.by, now)) {
      return { state: 'active', plan, paused, held: foreign };
    }
    await put();
    return { state: 'updated', plan, paused: false, ...(foreign && { tookOver: foreign }) };
  });
}

/** Renewed when less than this is left of its hold: half of HOLD_DAYS. */
const RENEW_MS = (HOLD_DAYS / 2) * 86_400_000;

/** Whether the schedule still sends the plan's body with POST (when QStash says). */
const delivers = (seen: SeenSchedule, plan: BackstopPlan) =>
  (seen.body === undefined || seen.body === plan.body) &&
  (seen.method === undefined || seen.method.toUpperCase() === 'POST');

async function updated(put: () => Promise<unknown>, plan: BackstopPlan) {
  await put();
  return { state: 'updated' as const, plan, paused: false };
}

function write(qstash: Client, plan: BackstopPlan, token: string, owner: string) {
  return qstash.schedules.create({
    destination: plan.destination,
    cron: plan.cron,
    scheduleId: plan.scheduleId,
    method: 'POST',
    body: plan.body,
    retries: 3,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      [FINGERPRINT]: plan.fingerprint,
      [SET_BY]: setByValue(owner, new Date()),
    },
    // Kept for delivery, shown to nobody: the console and the API show a hash instead.
    redact: { header: ['Authorization'] },
  });
}
