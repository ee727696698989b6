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
  /** true (maintenance): make or update the schedule; false (status, ping): only read it. */
  install: boolean;
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

/** One database's schedule made current: its state, a line, and a warning when paused. */
async function install(
  qstash: Qstash,
  connection: RestConnection,
  request: BackstopRequest,
  budget: Budget,
  log: BackstopLog,
): Promise<BackstopState> {
  const result = await qstash.ensureBackstop(
    connection,
    request.prefix,
    request.settings,
    budget.signal,
  );
  const what = { created: 'Created', updated: 'Updated', active: 'Checked' }[result.state];
  log.done.push(
    `${what} the QStash backstop of ${connection.database} (${result.plan.cron} UTC, schedule ${result.plan.scheduleId}).`,
  );
  if (result.paused) log.warnings.push(paused(connection, result.plan.scheduleId));
  return result.state;
}

/** One database's schedule, read: active when there, off (with what to run) when not. */
async function look(
  qstash: Qstash,
  connection: RestConnection,
  request: BackstopRequest,
  budget: Budget,
  log: BackstopLog,
): Promise<BackstopState> {
  const seen = await qstash.backstopSchedule(
    connection,
    request.prefix,
    request.settings,
    budget.signal,
  );
  const { database } = connection;
  if (!seen.exists) {
    log.warnings.push(
      `${database}: no QStash backstop yet: a run in mode maintenance makes it (or \`upstash-keepalive backstop install\`).`,
    );
    return 'off';
  }
  if (seen.paused) log.warnings.push(paused(connection, seen.plan.scheduleId));
  if (!seen.sameTime) {
    log.warnings.push(
      `${database}: the QStash backstop does not run at ${seen.plan.cron} UTC as these settings say: the next run in mode maintenance updates it.`,
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
      const task = request.install ? install : look;
      log.states[connection.database] = await task(qstash, connection, request, budget, log);
    } catch (error) {
      log.warnings.push(
        `${connection.database}: ${qstash.backstopFailure(error, budget.signal, budget.ms)}`,
      );
    }
  });
  return log;
}
