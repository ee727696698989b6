// The QStash backstop, as part of the upkeep: for each database, `concurrency` at a time, its
// schedule. A second heartbeat that GitHub cannot switch off: QStash calls the database's REST
// URL by itself, every day, even when the workflow stops. Its failures are warnings only.

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
}

export interface BackstopLog {
  /** Per database (host:port): what this run did with its schedule. */
  states: Record<string, BackstopState>;
  done: string[];
  warnings: string[];
}

type Qstash = Pick<typeof import('../backstop/qstash.js'), 'ensureBackstop' | 'backstopFailure'>;

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

const paused = (connection: RestConnection, scheduleId: string) =>
  `${connection.database}: the QStash backstop is paused: resume schedule ${scheduleId} in the Upstash console → QStash → Schedules.`;

export async function ensureBackstops(
  request: BackstopRequest,
  budget: Budget,
): Promise<BackstopLog> {
  const log: BackstopLog = { states: {}, done: [], warnings: [] };
  // Named one by one (not the module object) so that what is used can be traced.
  const { ensureBackstop, backstopFailure } = await import('../backstop/qstash.js');
  const qstash = { ensureBackstop, backstopFailure };
  await atMost(request.connections, request.concurrency, async (connection) => {
    log.states[connection.database] = 'off';
    if (connection.kind !== 'rest') {
      log.warnings.push(
        `${connection.database}: the QStash backstop needs the database's REST URL (https://…upstash.io) and REST token: QStash calls HTTP, not redis://.`,
      );
      return;
    }
    try {
      log.states[connection.database] = await install(qstash, connection, request, budget, log);
    } catch (error) {
      log.warnings.push(
        `${connection.database}: ${qstash.backstopFailure(error, budget.signal, budget.ms)}`,
      );
    }
  });
  return log;
}
