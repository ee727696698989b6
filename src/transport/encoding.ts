// Upstash-Encoding: base64, as the REST API answers when asked (the SDK asks by default): every
// string reply is base64 except the status "OK"; numbers, nulls and arrays are as they are.
// Decoded with the platform's atob and TextDecoder, which every runtime has (Buffer is Node's).

/** A reply that is not base64: not an answer of Upstash's REST API. */
export class NotBase64 extends Error {
  override readonly name = 'NotBase64';
}

export type Entry = { result?: unknown; error?: string };

const decoder = new TextDecoder();

function fromBase64(value: string): string {
  let binary: string;
  try {
    binary = atob(value);
  } catch {
    throw new NotBase64();
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decoder.decode(bytes);
}

function decode(value: unknown): unknown {
  if (typeof value === 'string') return value === 'OK' ? value : fromBase64(value);
  if (Array.isArray(value)) return value.map(decode);
  return value;
}

/** One entry of an answer, its result decoded; throws NotBase64. */
export function decodeEntry(entry: Entry): Entry {
  return entry.error !== undefined ? { error: entry.error } : { result: decode(entry.result) };
}
