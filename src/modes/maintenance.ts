// maintenance: the one script (src/modes/lua.ts) in one transaction, then every value it read back is
// checked against what was sent: the endpoint must store what it is given.

import type { Requester } from '@upstash/redis';
import { send, type Command } from './commands.js';
import { analyse } from './history.js';
import { MAINTENANCE_SCRIPT } from './lua.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';
import { KeepaliveError } from '../errors.js';
import type { ModeInput, Outcome } from './types.js';
import {
  beatOf,
  counter,
  fieldValues,
  isoTime,
  list,
  mismatch,
  resultOf,
  verify,
} from './replies.js';

/** The value `maintenance` stores under `<prefix>:status`. */
const STATUS_VALUE = 'ok';

/** How far ahead of this runner's clock a stored time may be before it counts as wrong. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The history entry after its time: the run's identity (see MAINTENANCE_SCRIPT, ARGV 6). */
function entryTail(input: ModeInput): string {
  const { context, nonce } = input;
  const entry = {
    outcome: 'ok',
    'run-id': context['run-id'],
    event: context.event,
    repository: context.repository,
    nonce,
  };
  return JSON.stringify(entry).slice(1);
}

/** The EVAL of the maintenance script, with its keys and arguments. */
function scriptCommand(input: ModeInput, metadata: Record<string, string>): Command {
  const { keys, now, nonce, historySize } = input;
  const scriptKeys = [
    keys.lastMaintenance,
    keys.previousMaintenance,
    keys.status,
    keys.count,
    keys.metadata,
    keys.history,
    keys.backstopBeat,
    keys.backstopBeats,
  ];
  const args = [
    String(now.getTime()),
    STATUS_VALUE,
    nonce,
    String(CLOCK_SKEW_MS),
    String(historySize),
    entryTail(input),
    ...Object.entries(metadata).flat(),
  ];
  return ['eval', MAINTENANCE_SCRIPT, scriptKeys.length, ...scriptKeys, ...args];
}

export async function maintenance(client: Requester, input: ModeInput): Promise<Outcome> {
  const { keys, context, now, nonce, target, historySize } = input;
  const metadata: Record<string, string> = { ...context };
  // One transaction holding the script: one request to /multi-exec, atomic either way.
  const [entry] = await send(client, 'multi-exec', [scriptCommand(input, metadata)]);
  const reply = resultOf(entry, 'The maintenance script', undefined, target);
  if (!Array.isArray(reply) || reply.length !== 10) {
    throw new KeepaliveError(
      'protocol',
      `The maintenance script answered ${outside(reply, 200)} instead of its ten results.`,
      `${setting('url')} must be the URL of a Redis database that runs Lua scripts (EVAL).`,
    );
  }
  const [applied, previousRaw, countRaw, readLast, readStatus, readMetadata, clock, history] =
    reply as unknown[];
  const { beat, beats } = beatOf(reply[8], reply[9]);
  const last = isoTime(readLast, keys.lastMaintenance);
  if (last === undefined) throw mismatch(keys.lastMaintenance, 'an ISO 8601 time', readLast);
  verify(keys.status, STATUS_VALUE, readStatus);
  const fields = ['maintained-at', 'clock', 'run-nonce', ...Object.keys(metadata)];
  const stored = fieldValues(readMetadata, fields, keys.metadata);
  // A replay answers with the record as it is now: another run may have written since.
  const expected = { 'maintained-at': last, 'run-nonce': nonce, ...metadata };
  for (const [field, value] of Object.entries(applied === 'replayed' ? {} : expected)) {
    verify(`${keys.metadata} field ${field}`, value, stored[field]);
  }
  const count = counter(countRaw, keys.count);
  if (count < 1) throw mismatch(keys.count, 'a positive integer', countRaw);
  const facts = historySize > 0 ? analyse(list(history, keys.history), now) : undefined;
  if (facts && facts.entries[0]?.at !== last && applied !== 'replayed') {
    throw mismatch(`${keys.history} newest entry`, JSON.stringify(last), facts.entries[0]?.at);
  }
  return {
    mode: 'maintenance',
    count,
    lastMaintenance: last,
    previousMaintenance: isoTime(previousRaw, keys.previousMaintenance),
    clock: clock === 'database' ? 'database' : 'runner',
    replayed: applied === 'replayed',
    history: facts,
    backstopBeat: beat,
    backstopBeats: beats,
  };
}
