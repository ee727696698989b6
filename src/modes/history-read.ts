// status's history when reading it in one answer is refused as too large: anyone who can write
// under the prefix can push entries of any size, and no read command cuts a list's elements (a
// script could, but the read-only token may not run one). So the history is read again in parts,
// each halved while its answer is too large; an entry too large on its own is left unread.

import type { Requester } from '@upstash/redis';
import { ReplyTooLarge, type Target } from '../errors.js';
import { send } from './commands.js';
import { list, resultOf } from './replies.js';

/**
 * Requests the history may take in parts, at most: a bounded cost whatever is stored (each answer
 * is cut at 1 MiB, so at most 16 MiB read), and enough for a few large entries among 1,000.
 */
const MAX_PARTS = 16;

/** The two halves of the range [start, end], in order. */
function halves(start: number, end: number): [number, number][] {
  const mid = Math.floor((start + end) / 2);
  return [
    [start, mid],
    [mid + 1, end],
  ];
}

/**
 * The first `count` entries of the list at `key`, newest first; null for an entry that could not
 * be read (too large alone, or past the request budget), which analyse() counts as unreadable.
 * The list may change between two parts (a maintenance pushes): an entry may then be read twice
 * or missed, in a history that was already not the keep-alive's alone.
 */
export async function historyInParts(
  client: Requester,
  key: string,
  count: number,
  target: Target,
): Promise<unknown[]> {
  const read: unknown[] = [];
  const pending =
    count > 1 ? halves(0, count - 1) : count === 1 ? [[0, 0] as [number, number]] : [];
  let requests = 0;
  for (let part = pending.shift(); part; part = pending.shift()) {
    const [start, end] = part;
    if (requests >= MAX_PARTS) {
      read.push(...Array<null>(end - start + 1).fill(null));
      continue;
    }
    requests += 1;
    try {
      const [entry] = await send(client, 'pipeline', [['lrange', key, start, end]]);
      read.push(...list(resultOf(entry, 'LRANGE', key, target), key));
    } catch (error) {
      if (!(error instanceof ReplyTooLarge)) throw error;
      if (start === end) read.push(null);
      else pending.unshift(...halves(start, end));
    }
  }
  return read;
}
