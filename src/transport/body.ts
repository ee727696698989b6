// A body read chunk by chunk and refused once it passes its cap, never buffered whole: for the
// REST answers read over fetch, and for the signed requests the route reads.

import { BodyTooLarge } from './exchange.js';

/** The stream as text; BodyTooLarge past `maxBytes`; the signal, if any, stops the read. */
export async function readBody(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<string> {
  if (!stream) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = stream.getReader();
  // Some runtimes do not end a body's read when the request's signal fires: this does.
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => {
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = await Promise.race([reader.read(), aborted]);
      if (read.done) break;
      const value: Uint8Array = read.value;
      size += value.byteLength;
      if (size > maxBytes) throw new BodyTooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(whole);
}
