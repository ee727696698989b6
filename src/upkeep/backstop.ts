// The QStash backstop, as part of the upkeep: for each database, `concurrency` at a time, its
// schedule. A second heartbeat that GitHub cannot switch off: QStash calls the database's REST
// URL by itself, every day, even when the workflow stops. Only maintenance makes or updates the
// schedule (the token it forwards must write); status and ping, often given the read-only token,
// only read it. Its failures are warnings only; databases refused for QStash's schedule limit,
// for one reason, share one warning.

import type { BackstopSettings, BackstopState } from '../backstop/plan.js';
import type { Connection, RestConnection } from '../connections/index.js';
import { atMost } from '../pool.js';
import type { Budget } from './github.js';
import { installedLines, seenLines, type BackstopLog } from './backstop-lines.js';

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
  /** Who sets the schedules: this workflow and job (backstop/owner.ts). */
  owner: string;
}

type Qstash = Pick<
  typeof import('../backstop/qstash.js'),
  'ensureBackstop' | 'backstopSchedule' | 'backstopFailure' | 'scheduleSlots' | 'ScheduleLimitError'
>;
type Slots = ReturnType<Qstash['scheduleSlots']>;

/** One database's schedule: made current (maintenance) or only read (status, ping). */
async function scheduleOf(
  connection: RestConnection,
  qstash: Qstash,
  request: BackstopRequest,
  budget: Budget,
  slots: Slots,
  log: BackstopLog,
): Promise<BackstopState> {
  const { prefix, settings, owner } = request;
  const { signal } = budget;
  if (request.install.has(connection.database)) {
    const run = { slots, owner, force: false };
    const result = await qstash.ensureBackstop(connection, prefix, settings, signal, run);
    return installedLines(connection, result, settings, log);
  }
  const seen = await qstash.backstopSchedule(connection, prefix, settings, signal);
  return seenLines(connection, seen, owner, log);
}

/** One warning per reason, naming the databases it kept from a schedule, in the run's order. */
function limitWarnings(limited: Map<string, string[]>, order: Connection[]): string[] {
  return [...limited].map(([reason, databases]) => {
    const refused = new Set(databases);
    const named = order.map((c) => c.database).filter((d) => refused.has(d));
    if (named.length === 1) return `${named[0] ?? ''}: ${reason}`;
    const shown = named.slice(0, 5).join(', ');
    const more = named.length > 5 ? ` and ${named.length - 5} more` : '';
    return `${named.length} databases (${shown}${more}): ${reason}`;
  });
}

export async function ensureBackstops(
  request: BackstopRequest,
  budget: Budget,
): Promise<BackstopLog> {
  const log: BackstopLog = { states: {}, done: [], warnings: [] };
  // Named one by one (not the module object) so that what is used can be traced.
  const { ensureBackstop, backstopSchedule, backstopFailure, scheduleSlots, ScheduleLimitError } =
    await import('../backstop/qstash.js');
  const qstash = {
    ensureBackstop,
    backstopSchedule,
    backstopFailure,
    scheduleSlots,
    ScheduleLimitError,
  };
  const slots = qstash.scheduleSlots(request.settings, budget.signal);
  const limited = new Map<string, string[]>();
  await atMost(request.connections, request.concurrency, async (connection) => {
    const { database } = connection;
    log.states[database] = 'off';
    if (connection.kind !== 'rest') {
      log.warnings.push(
        `${database}: the QStash backstop needs the database's REST URL (https://…upstash.io) and REST token: QStash calls HTTP, not redis://.`,
      );
      return;
    }
    try {
      log.states[database] = await scheduleOf(connection, qstash, request, budget, slots, log);
    } catch (error) {
      if (error instanceof qstash.ScheduleLimitError) {
        limited.set(error.message, [...(limited.get(error.message) ?? []), database]);
      } else {
        log.warnings.push(
          `${database}: ${qstash.backstopFailure(error, budget.signal, budget.ms)}`,
        );
      }
    }
  });
  log.warnings.push(...limitWarnings(limited, request.connections));
  return log;
}
