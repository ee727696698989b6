// status when its one answer is refused as too large: anyone who can write under the prefix can
// store a value of any size (a beat of megabytes, a metadata field, a history entry), and GET,
// HMGET and LRANGE return values whole. The read-only token may not run a script that cuts them,
// as maintenance's does, so the lengths are read first (STRLEN, HSTRLEN, LLEN), then only the
// values that are small enough; a larger one becomes a note of its size, as in maintenance.

import type { Requester } from '@upstash/redis';
import { send, type Command, type Entry } from './commands.js';
import { historyInParts } from './history-read.js';
import { VALUE_BYTES } from './lua.js';
import { resultOf } from './replies.js';
import type { Keys, ModeInput } from './types.js';

/** The record's strings, in the order of status's reads; HMGET of the metadata comes fourth. */
const stringKeys = (keys: Keys) => [
  keys.lastMaintenance,
  keys.previousMaintenance,
  keys.count,
  keys.backstopBeat,
  keys.backstopBeats,
];

/** The record's reads, as status sends them: entry i of the answer is the reply to read i. */
export function recordReads(keys: Keys, fields: string[]): Command[] {
  const reads: Command[] = stringKeys(keys).map((key) => ['get', key]);
  reads.splice(3, 0, ['hmget', keys.metadata, ...fields]);
  return reads;
}

/** What stands in for a value too large to read: the note maintenance's script gives. */
const note = (bytes: number): Entry => ({ result: `(a value of ${bytes} bytes, not read)` });

/** A length read, when it is one: a key of another type answers an error, left to the read. */
const lengthOf = (entry: Entry | undefined) =>
  typeof entry?.result === 'number' ? entry.result : 0;

/**
 * The record's replies in the order of `recordReads` (values over VALUE_BYTES as notes), and the
 * history read in parts. Three requests and the parts; a value that grows between the lengths and
 * the reads may still make the second too large, and the run fail as before.
 */
export async function readBounded(
  client: Requester,
  input: ModeInput,
  fields: string[],
): Promise<{ entries: Entry[]; parts?: unknown[] }> {
  const { keys, target, historySize } = input;
  const strings = stringKeys(keys);
  const lengths = await send(client, 'pipeline', [
    ...strings.map((key) => ['strlen', key]),
    ...fields.map((field) => ['hstrlen', keys.metadata, field]),
    ...(historySize > 0 ? [['llen', keys.history]] : []),
  ]);
  const stringBytes = strings.map((_, i) => lengthOf(lengths[i]));
  const fieldBytes = fields.map((_, i) => lengthOf(lengths[strings.length + i]));
  const small = fields.filter((_, i) => (fieldBytes[i] ?? 0) <= VALUE_BYTES);
  const reads: Command[] = strings
    .filter((_, i) => (stringBytes[i] ?? 0) <= VALUE_BYTES)
    .map((key) => ['get', key]);
  if (small.length > 0) reads.push(['hmget', keys.metadata, ...small]);
  const answers = reads.length > 0 ? await send(client, 'pipeline', reads) : [];
  const entries = strings.map((_, i) =>
    (stringBytes[i] ?? 0) > VALUE_BYTES ? note(stringBytes[i] ?? 0) : answers.shift(),
  ) as Entry[]; // a reply missing from the answer stays undefined: resultOf says so
  const hmget = small.length > 0 ? answers.shift() : { result: [] };
  entries.splice(3, 0, fieldsEntry(fields, fieldBytes, hmget));
  if (historySize === 0) return { entries };
  const llen = Number(resultOf(lengths.at(-1), 'LLEN', keys.history, target));
  const count = Number.isSafeInteger(llen) ? Math.min(Math.max(llen, 0), historySize) : 0;
  return { entries, parts: await historyInParts(client, keys.history, count, target) };
}

/** HMGET's reply to the small fields, with a note in the place of each large one. */
function fieldsEntry(fields: string[], bytes: number[], reply: Entry | undefined): Entry {
  if (!reply || reply.error !== undefined || !Array.isArray(reply.result)) return reply ?? {};
  const values = [...(reply.result as unknown[])];
  return {
    result: fields.map((_, i) =>
      (bytes[i] ?? 0) > VALUE_BYTES ? note(bytes[i] ?? 0).result : values.shift(),
    ),
  };
}
