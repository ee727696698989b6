// What the upkeep says of one database's backstop: the line of what was done, and warnings that
// say what to fix: paused, calling another host, set by another workflow.

import { ago, heldUntil, HOLD_DAYS, type SetBy } from '../backstop/owner.js';
import type { BackstopSettings, BackstopState } from '../backstop/plan.js';
import type { RestConnection } from '../connections/index.js';
import { setting } from '../wording.js';

type Qstash = typeof import('../backstop/qstash.js');
type Ensured = Awaited<ReturnType<Qstash['ensureBackstop']>>;
type Seen = Awaited<ReturnType<Qstash['backstopSchedule']>>;

export interface BackstopLog {
  /** Per database (host:port): what this run did with its schedule. */
  states: Record<string, BackstopState>;
  done: string[];
  warnings: string[];
}

const paused = (database: string, scheduleId: string) =>
  `${database}: the QStash backstop is paused: resume schedule ${scheduleId} in the Upstash console → QStash → Schedules.`;

/** How two setters of one schedule stop taking it from each other. */
const oneSetter = () =>
  `give both the same ${setting('backstop-cron')} (and token), ${setting('qstash-token')} to one of them only, or each its own ${setting('key-prefix')}`;

const setter = (by: SetBy, now: Date) => `${by.who} set it ${ago(by.at, now)}`;

/** Made current: its state, a line, and what another hand had done to it. */
export function installedLines(
  { database }: RestConnection,
  result: Ensured,
  settings: BackstopSettings,
  log: BackstopLog,
): BackstopState {
  const { plan, held, tookOver, repointed, edited } = result;
  const now = new Date();
  const what = { created: 'Created', updated: 'Updated', active: 'Checked' }[result.state];
  const holds =
    result.accountHolds === undefined
      ? ''
      : `; the QStash account now holds ${result.accountHolds} of at most ${settings.maxSchedules}, ${setting('backstop-max-schedules')}`;
  log.done.push(
    `${what} the QStash backstop of ${database} (${held?.cron ?? plan.cron} UTC, schedule ${plan.scheduleId}${holds}).`,
  );
  if (result.paused) log.warnings.push(paused(database, plan.scheduleId));
  if (repointed !== undefined) {
    log.warnings.push(
      `${database}: the QStash backstop's schedule ${plan.scheduleId} called ${repointed}, not this database: pointed back at this database. If something else of yours uses this schedule id, give it its own.`,
    );
  }
  if (edited) {
    log.warnings.push(
      `${database}: the QStash backstop's schedule ${plan.scheduleId} had its body or method edited (its beats wrote nothing): put back.`,
    );
  }
  if (held) {
    log.warnings.push(
      `${database}: ${held.by.who} set this database's QStash backstop ${ago(held.by.at, now)} at ${held.cron} UTC; this workflow asks for ${plan.cron} UTC${held.cron === plan.cron ? ' too, with another token or version' : ''}. Left as it is, so that the two do not rewrite each other on every run: ${oneSetter()}. If ${held.by.who} no longer runs, this workflow takes the schedule over from ${heldUntil(held.by)}.`,
    );
  }
  if (tookOver) {
    log.warnings.push(
      `${database}: took over the QStash backstop of this database from ${tookOver.by.who}, which set it at ${tookOver.cron} UTC ${ago(tookOver.by.at, now)}; it now runs at ${plan.cron} UTC. If that one still runs, it takes the schedule back in ${HOLD_DAYS} days, and so on: ${oneSetter()}.`,
    );
  }
  return result.state;
}

/** Read: active when there and calling this database, off (with what to do) when not. */
export function seenLines(
  { database }: RestConnection,
  seen: Seen,
  owner: string,
  log: BackstopLog,
): BackstopState {
  const { plan } = seen;
  if (!seen.exists) {
    log.warnings.push(
      `${database}: no QStash backstop yet: a run in mode maintenance makes it (or \`upstash-keepalive backstop install\`).`,
    );
    return 'off';
  }
  if (!seen.sameDestination) {
    log.warnings.push(
      `${database}: the QStash backstop's schedule ${plan.scheduleId} calls ${seen.calls}, not this database: it keeps nothing alive here; the next run in mode maintenance points it back (or \`upstash-keepalive backstop install\`).`,
    );
    return 'off';
  }
  if (seen.paused) log.warnings.push(paused(database, plan.scheduleId));
  if (!seen.sameTime) {
    const other = seen.setBy && seen.setBy.who !== owner ? seen.setBy : undefined;
    log.warnings.push(
      other
        ? `${database}: the QStash backstop runs at ${seen.runsAt} UTC (${setter(other, new Date())}), not at ${plan.cron} UTC as these settings say: ${oneSetter()}.`
        : `${database}: the QStash backstop does not run at ${plan.cron} UTC as these settings say: the next run in mode maintenance updates it.`,
    );
  }
  return 'active';
}
