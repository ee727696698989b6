// maintenance: the one script (src/modes/lua.ts) in one transaction, then every value it read back is
// checked against what was sent: the endpoint must store what it is given.

import type { Requester } from '@upstash/redis';
import { send, type Command } from './commands.js';
import { analyse, asOf, CLOCK_SKEW_MS } from './history.js';
import { pushedEntry } from './history-entry.js';
import { MAINTENANCE_SCRIPT } from './lua.js';
import { outside, printable, utf8Bytes } from '../safe-text.js';
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

/** `value`, printable, cut to whole characters that take at most `max` bytes in JSON. */
function fit(value: string, max: number): string {
  let out = '';
  let used = 0;
  for (const c of printable(value)) {
    used += utf8Bytes(JSON.stringify(c)) - 2;
    if (used > max) break;
    out += c;
  }
  return out;
}

/**
 * The history entry after its time: the run's identity (see MAINTENANCE_SCRIPT, ARGV 6). Each
 * field is cut so that the whole entry stays within ENTRY_BYTES of history.ts (33 bytes of time,
 * at most 457 here): a larger entry would not be read back.
 */
function entryTail(input: ModeInput): string {
  const { context, nonce } = input;
  const entry = {
    outcome: 'ok',
    'run-id': fit(context['run-id'], 64),
    event: fit(context.event, 64),
    repository: fit(context.repository, 200),
    nonce: fit(nonce, 64),
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
  const { keys, context, now, nonce, target, historySize, historyEntries } = input;
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
  const raw = historySize > 0 ? list(history, keys.history) : undefined;
  // The list's first element is the entry this run pushed (the script is atomic), whatever
  // time the others have: checked raw, by its time and this run's nonce.
  const pushed = pushedEntry(raw?.[0]);
  if (raw && applied !== 'replayed' && (pushed?.at !== last || pushed.nonce !== nonce)) {
    const expected = `the entry of this run (at ${JSON.stringify(last)}, nonce ${nonce})`;
    throw mismatch(`${keys.history} newest entry`, expected, raw[0]);
  }
  // The time this run wrote, when the record is still its own: never in the future (asOf).
  const written = applied !== 'replayed' || stored['run-nonce'] === nonce ? last : undefined;
  return {
    mode: 'maintenance',
    count,
    lastMaintenance: last,
    previousMaintenance: isoTime(previousRaw, keys.previousMaintenance),
    clock: clock === 'database' ? 'database' : 'runner',
    replayed: applied === 'replayed',
    writtenAt: written,
    history: raw ? analyse(raw, asOf(now, written), historyEntries) : undefined,
    backstopBeat: beat,
    backstopBeats: beats,
  };
}
