// QStash's plan limits the schedules of an account (the free plan: 10; one more answers HTTP
// 412), and the user's own app shares them with the backstop. Before a run makes a schedule (an
// update in place takes no slot), it counts the account's schedules once (GET /v2/schedules)
// and makes none past backstop-max-schedules (default 8: the free plan's 10, less 2 left for the
// app). A database refused is asked for again on a later run only when the count has room, so a
// full account sees no request to make a schedule, run after run, and nothing to remember: the
// count is QStash's own. A 412 all the same (a limit set above the plan's) stops the run's other
// databases from asking.

import { setting } from '../wording.js';

/** No schedule made for the plan's limit; the message says what to do. */
export class ScheduleLimitError extends Error {}

const FREE_PLAN_SCHEDULES = 10;

const remedy = () =>
  `Remove schedules no longer used (Upstash console → QStash → Schedules), give ${setting('qstash-token')} to fewer databases`;

function capError(held: number, max: number): ScheduleLimitError {
  return new ScheduleLimitError(
    `no QStash backstop made: the QStash account holds ${held} schedules, and ${setting('backstop-max-schedules')} is ${max} (the free plan holds ${FREE_PLAN_SCHEDULES}; the default, 8, leaves 2 for your own app). ${remedy()}, or on a paid plan raise ${setting('backstop-max-schedules')}.`,
  );
}

/** QStash's 412, said as what it is: the plan's limit of schedules. */
export function refusedError(held?: number): ScheduleLimitError {
  const count = held === undefined ? '' : `; it holds ${held}`;
  return new ScheduleLimitError(
    `no QStash backstop made: QStash refused a new schedule (HTTP 412): the account holds as many schedules as its plan allows (the free plan: ${FREE_PLAN_SCHEDULES})${count}. ${remedy()}, or upgrade the plan; ${setting('backstop-max-schedules')} below the plan's limit (the default, 8, suits the free plan) keeps runs from asking.`,
  );
}

export interface ScheduleSlots {
  /** Takes a slot for a new schedule, or throws ScheduleLimitError (then nothing is asked). */
  take(): Promise<void>;
  /** Gives back the slot of a schedule not made. */
  release(): void;
  /** QStash answered 412: this run asks no more. The error to throw. */
  refused(): ScheduleLimitError;
  /** Schedules the account holds with this run's, when counted. */
  held(): number | undefined;
}

/** One run's slots: `count` (listing the account's schedules) is called once, when first needed. */
export function slotsOf(max: number, count: () => Promise<number>): ScheduleSlots {
  let counting: Promise<number> | undefined;
  let counted: number | undefined;
  let taken = 0;
  let full = false;
  const held = () => (counted === undefined ? undefined : counted + taken);
  return {
    async take() {
      if (full) throw refusedError(held());
      // 0: not counted (a paid plan with room to spare): only QStash's 412 refuses.
      if (max > 0) {
        counted = await (counting ??= count());
        // Another database of the run may have met a 412 while this one waited for the count.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set meanwhile
        if (full) throw refusedError(held());
        if (counted + taken >= max) throw capError(counted + taken, max);
      }
      taken += 1;
    },
    release() {
      taken -= 1;
    },
    refused() {
      full = true;
      return refusedError(held());
    },
    held,
  };
}
