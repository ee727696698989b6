// The commands of each mode, written as the arrays Upstash's REST protocol carries, exactly as
// @upstash/redis 1.39 writes them: lower-case names, numbers as numbers (a test holds them equal to
// what the SDK builds, so an upgrade that changes the encoding is noticed). Built here because
// the SDK's public API cannot turn its JSON decoding of replies off, and a value must be read as
// Redis stored it. A pipeline or transaction is one request of the transport, the SDK's seam.

import type { Requester } from '@upstash/redis';

export type Command = (string | number)[];

/** One reply: its result, or the error Redis gave. */
export type Entry = { result?: unknown; error?: string };

/** Sends `commands` in one request: `/pipeline` (each on its own) or `/multi-exec` (atomic). */
export async function send(
  client: Requester,
  path: 'pipeline' | 'multi-exec',
  commands: Command[],
): Promise<Entry[]> {
  const replies = await client.request({ path: [path], body: commands });
  return replies as unknown as Entry[];
}
