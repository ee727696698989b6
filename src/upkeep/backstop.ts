// The QStash backstop, as part of the upkeep: for each database, `concurrency` at a time, its
// schedule. A second heartbeat that GitHub cannot switch off: QStash calls the database's REST
// URL by itself, every day, even when the workflow stops. Only maintenance makes or updates the
// schedule (the token it forwards must write); status and ping, often given the read-only token,
// only read it. Its failures are warnings only.

import type { BackstopSettings, BackstopState } from '../backstop/plan.js';
import type { Connection, RestConnection } from '../connections/index.js';
import { atMost } from '../pool.js';
import type { Budget } from './github.js';

export interface BackstopRequest {
  settings: BackstopSettings;
  connections: Connection[];
  prefix: string;
  /** How many databases' schedules are dealt with at once. */
  concurrency: number;
  /** The databases whose schedule is made or updated: those whose maintenance just wrote with
   * the token the schedule will forward. The others' (status, ping, a failed maintenance) are
   * only read. */
  install: ReadonlySet<string>;
}

export interface BackstopLog {
  /** Per database (host:port): what this run did with its schedule. */
  states: Record<string, BackstopState>;
  done: string[];
  warnings: string[];
}

type Qstash = Pick<
  typeof import('../backstop/qstash.js'),
  'ensureBackstop' | 'backstopSchedule' | 'backstopFailure'
>;

type Installed = Awaited<ReturnType<Qstash['ensureBackstop']>>;
type Seen = Awaited<ReturnType<Qstash['backstopSchedule']>>;

/** One database's schedule: made current (maintenance) or only read (status, ping). */
async function scheduleOf(
  connection: RestConnection,
  qstash: Qstash,
  request: BackstopRequest,
  budget: Budget,
  log: BackstopLog,
): Promise<BackstopState> {
  const { prefix, settings } = request;
  return request.install.has(connection.database)
    ? installed(
        connection,
        await qstash.ensureBackstop(connection, prefix, settings, budget.signal),
        log,
      )
    : seen(
        connection,
        await qstash.backstopSchedule(connection, prefix, settings, budget.signal),
        log,
      );
}

/** Made current: its state, a line, and a warning when paused. */
function installed(connection: RestConnection, result: Installed, log: BackstopLog): BackstopState {
  const what = { created: 'Created', updated: 'Updated', active: 'Checked' }[result.state];
  log.done.push(
    `${what} the QStash backstop of ${connection.database} (${result.plan.cron} UTC, schedule ${result.plan.scheduleId}).`,
  );
  if (result.paused) log.warnings.push(paused(connection, result.plan.scheduleId));
  return result.state;
}

/** Read: active when there, off (with what to run) when not. */
function seen(connection: RestConnection, schedule: Seen, log: BackstopLog): BackstopState {
  const { database } = connection;
  if (!schedule.exists) {
    log.warnings.push(
      `${database}: no QStash backstop yet: a run in mode maintenance makes it (or \`upstash-keepalive backstop install\`).`,
    );
    return 'off';
  }
  if (schedule.paused) log.warnings.push(paused(connection, schedule.plan.scheduleId));
  if (!schedule.sameTime) {
    log.warnings.push(
      `${database}: the QStash backstop does not run at ${schedule.plan.cron} UTC as these settings say: the next run in mode maintenance updates it.`,
    );
  }
  return 'active';
}

const paused = (connection: RestConnection, scheduleId: string) =>
  `${connection.database}: the QStash backstop is paused: resume schedule ${scheduleId} in the Upstash console → QStash → Schedules.`;

export async function ensureBackstops(
  request: BackstopRequest,
  budget: Budget,
): Promise<BackstopLog> {
  const log: BackstopLog = { states: {}, done: [], warnings: [] };
  // Named one by one (not the module object) so that what is used can be traced.
  const { ensureBackstop, backstopSchedule, backstopFailure } =
    await import('../backstop/qstash.js');
  const qstash = { ensureBackstop, backstopSchedule, backstopFailure };
  await atMost(request.connections, request.concurrency, async (connection) => {
    log.states[connection.database] = 'off';
    if (connection.kind !== 'rest') {
      log.warnings.push(
        `${connection.database}: the QStash backstop needs the database's REST URL (https://…upstash.io) and REST token: QStash calls HTTP, not redis://.`,
      );
      return;
    }
    try {
      log.states[connection.database] = await scheduleOf(connection, qstash, request, budget, log);
    } catch (error) {
      log.warnings.push(
        `${connection.database}: ${qstash.backstopFailure(error, budget.signal, budget.ms)}`,
      );
    }
  });
  return log;
}
