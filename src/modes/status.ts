// status: reads what the last maintenance left, in one pipeline of reads (the read-only token is
// enough): the record, the keep-alive's own metadata fields, and the history.

import type { Requester } from '@upstash/redis';
import { ReplyTooLarge } from '../errors.js';
import { RUN_CONTEXT_FIELDS } from '../run-context.js';
import { send, type Command, type Entry } from './commands.js';
import { analyse } from './history.js';
import { readBounded, recordReads } from './status-large.js';
import type { ModeInput, Outcome } from './types.js';
import { beatOf, counter, fieldValues, isoTime, list, resultOf } from './replies.js';

/** The metadata fields the keep-alive writes, and only those are read back. */
const METADATA_FIELDS = ['maintained-at', 'clock', 'run-nonce', ...RUN_CONTEXT_FIELDS];

/**
 * The replies to the record's six reads and to LRANGE of the history, in one request; or, when
 * that answer is too large (only values someone else stored can make it so), the same read
 * within bounds (status-large.ts).
 */
async function readAll(
  client: Requester,
  input: ModeInput,
): Promise<{ entries: Entry[]; parts?: unknown[] }> {
  const { keys, historySize } = input;
  const history: Command[] = historySize > 0 ? [['lrange', keys.history, 0, historySize - 1]] : [];
  try {
    const reads = [...recordReads(keys, METADATA_FIELDS), ...history];
    return { entries: await send(client, 'pipeline', reads) };
  } catch (error) {
    if (!(error instanceof ReplyTooLarge)) throw error;
  }
  return readBounded(client, input, METADATA_FIELDS);
}

export async function status(client: Requester, input: ModeInput): Promise<Outcome> {
  const { keys, target, now, historySize, historyEntries } = input;
  const { entries, parts } = await readAll(client, input);
  const read = (i: number, command: string, key: string) =>
    resultOf(entries[i], command, key, target);
  const { beat, beats } = beatOf(entries[4]?.result, entries[5]?.result);
  return {
    mode: 'status',
    count: counter(read(2, 'GET', keys.count) ?? '0', keys.count),
    lastMaintenance: isoTime(read(0, 'GET', keys.lastMaintenance), keys.lastMaintenance),
    previousMaintenance: isoTime(
      read(1, 'GET', keys.previousMaintenance),
      keys.previousMaintenance,
    ),
    metadata: fieldValues(read(3, 'HMGET', keys.metadata), METADATA_FIELDS, keys.metadata),
    history:
      historySize > 0
        ? analyse(parts ?? list(read(6, 'LRANGE', keys.history), keys.history), now, historyEntries)
        : undefined,
    backstopBeat: beat,
    backstopBeats: beats,
  };
}
