// upstash-keepalive backstop install | status | remove: the QStash backstop on its own, for a
// machine that runs no workflow, or to remove it. Each database: its schedule at QStash (and,
// for status, its last beat, read from the database).

import { COMMAND_LINE_OWNER } from '../backstop/owner.js';
import type { BackstopSettings } from '../backstop/plan.js';
import type { RestConnection } from '../connections/index.js';
import { keepAliveAll } from '../keepalive.js';
import { atMost } from '../pool.js';
import { KeepaliveError } from '../errors.js';
import { send } from '../modes/commands.js';
import { outside } from '../safe-text.js';
import { openNodeTransport } from '../transport/node.js';
import type { Settings } from '../inputs/index.js';
import { runContext } from '../run-context.js';
import { upkeepBudgetMs } from '../upkeep/index.js';
import type { BackstopCommand } from './arguments.js';
import { installNote, line, type Row } from './backstop-text.js';
import { answer, err, out, stamp } from './output.js';

type Qstash = Pick<
  typeof import('../backstop/qstash.js'),
  'ensureBackstop' | 'removeBackstop' | 'backstopSchedule' | 'backstopFailure' | 'scheduleSlots'
>;

async function one(
  sub: BackstopCommand,
  qstash: Qstash,
  connection: RestConnection,
  settings: Settings & { backstop: BackstopSettings },
  signal: AbortSignal,
  slots: ReturnType<Qstash['scheduleSlots']>,
): Promise<Row> {
  const { keyPrefix: prefix, backstop: backstopSettings } = settings;
  const done = (scheduleId: string) => ({
    database: connection.database,
    ok: true,
    schedule: scheduleId,
  });
  if (sub === 'install') {
    await canRunScripts(connection, settings.timeoutMs);
    // Asked for by a person: set whoever set it last (installNote says so).
    const run = { slots, owner: COMMAND_LINE_OWNER, force: true };
    const r = await qstash.ensureBackstop(connection, prefix, backstopSettings, signal, run);
    const row = { ...done(r.plan.scheduleId), state: r.state, cron: r.plan.cron, paused: r.paused };
    const note = installNote(r);
    return note === undefined ? row : { ...row, note };
  }
  if (sub === 'remove') {
    const r = await qstash.removeBackstop(connection, prefix, backstopSettings, signal);
    return { ...done(r.plan.scheduleId), removed: r.removed };
  }
  const r = await qstash.backstopSchedule(connection, prefix, backstopSettings, signal);
  const [status] = await keepAliveAll([connection], {
    ...settings,
    mode: 'status',
    context: runContext({}),
    open: openNodeTransport,
  });
  return {
    database: connection.database,
    // The fingerprint holds the token: with another one (often the read-only token, which must
    // not be installed: it cannot write) only the time and the destination can be compared.
    ok: r.exists && r.sameTime && r.sameDestination && !r.paused,
    schedule: r.plan.scheduleId,
    cron: r.plan.cron,
    exists: r.exists,
    current: r.current,
    'same-time': r.sameTime,
    'same-destination': r.sameDestination,
    ...(r.exists && !r.sameDestination && { calls: r.calls }),
    paused: r.paused,
    'last-beat': status?.outcome?.backstopBeat ?? null,
    beats: status?.outcome?.backstopBeats ?? null,
  };
}

/**
 * QStash will forward this token to run the beat, a script, which the read-only token may not
 * run. Asked before anything is made, with a script that writes nothing.
 */
async function canRunScripts(connection: RestConnection, timeoutMs: number): Promise<void> {
  const transport = await openNodeTransport(connection, timeoutMs);
  const [reply] = await send(transport, 'pipeline', [['eval', 'return 1', 0]]);
  if (reply?.error !== undefined) {
    throw new KeepaliveError(
      'auth',
      `The token cannot run the backstop's script (${outside(reply.error, 200)}), and QStash would forward it.`,
      'give the full-access REST token (UPSTASH_REDIS_REST_TOKEN), not the read-only one.',
    );
  }
}

export async function backstop(
  sub: BackstopCommand,
  settings: Settings,
  json: boolean,
): Promise<number> {
  const { backstop: backstopSettings } = settings;
  if (!backstopSettings) {
    throw new KeepaliveError(
      'input',
      'The backstop needs a QStash token: give --qstash-token or set QSTASH_TOKEN.',
      'copy QSTASH_TOKEN from the Upstash console → QStash.',
    );
  }
  // Named one by one (not the module object) so that what is used can be traced.
  const { ensureBackstop, removeBackstop, backstopSchedule, backstopFailure, scheduleSlots } =
    await import('../backstop/qstash.js');
  const qstash = {
    ensureBackstop,
    removeBackstop,
    backstopSchedule,
    backstopFailure,
    scheduleSlots,
  };
  const ms = upkeepBudgetMs(settings.timeoutMs);
  const signal = AbortSignal.timeout(ms);
  const withBackstop = { ...settings, backstop: backstopSettings };
  const slots = qstash.scheduleSlots(backstopSettings, signal);
  const rows = await atMost(
    settings.connections,
    settings.concurrency,
    async (connection): Promise<Row> => {
      if (connection.kind !== 'rest') {
        return {
          database: connection.database,
          ok: false,
          error:
            'the backstop needs the REST URL (https://…upstash.io): QStash calls HTTP, not redis://.',
        };
      }
      try {
        return await one(sub, qstash, connection, withBackstop, signal, slots);
      } catch (error) {
        return {
          database: connection.database,
          ok: false,
          error:
            error instanceof KeepaliveError
              ? error.describe()
              : qstash.backstopFailure(error, signal, ms),
        };
      }
    },
  );
  const ok = rows.every((r) => r.ok);
  if (json) answer({ ok, command: `backstop ${sub}`, databases: rows });
  else for (const row of rows) (row.ok ? out : err)(`${stamp()} ${line(sub, row)}`);
  return ok ? 0 : 1;
}
