// The QStash backstop, as part of the upkeep: for each database, make sure its schedule exists
// and is current. A second heartbeat that GitHub cannot switch off: QStash calls the database's
// REST URL by itself, every day, even when the workflow stops. Its failures are warnings only.

import type { BackstopSettings, BackstopState } from '../backstop/plan.js';
import type { Connection } from '../connections/index.js';
import type { Budget } from './github.js';

export interface BackstopRequest {
  settings: BackstopSettings;
  connections: Connection[];
  prefix: string;
}

export interface BackstopLog {
  /** Per database (host:port): what this run did with its schedule. */
  states: Record<string, BackstopState>;
  done: string[];
  warnings: string[];
}

export async function ensureBackstops(
  request: BackstopRequest,
  budget: Budget,
): Promise<BackstopLog> {
  const log: BackstopLog = { states: {}, done: [], warnings: [] };
  const { ensureBackstop, backstopFailure } = await import('../backstop/qstash.js');
  await Promise.all(
    request.connections.map(async (connection) => {
      log.states[connection.database] = 'off';
      if (connection.kind !== 'rest') {
        log.warnings.push(
          `${connection.database}: the QStash backstop needs the database's REST URL (https://…upstash.io) and REST token: QStash calls HTTP, not redis://.`,
        );
        return;
      }
      try {
        const result = await ensureBackstop(
          connection,
          request.prefix,
          request.settings,
          budget.signal,
        );
        log.states[connection.database] = result.state;
        const what = { created: 'Created', updated: 'Updated', active: 'Checked' }[result.state];
        log.done.push(
          `${what} the QStash backstop of ${connection.database} (${result.plan.cron} UTC, schedule ${result.plan.scheduleId}).`,
        );
        if (result.paused) {
          log.warnings.push(
            `${connection.database}: the QStash backstop is paused: resume schedule ${result.plan.scheduleId} in the Upstash console → QStash → Schedules.`,
          );
        }
      } catch (error) {
        log.warnings.push(
          `${connection.database}: ${backstopFailure(error, budget.signal, budget.ms)}`,
        );
      }
    }),
  );
  return log;
}
