// Upstash-Encoding: base64, as the REST API answers when asked (the SDK asks by default): every
// string reply is base64 except the status "OK"; numbers, nulls and arrays are as they are.
// Decoded with Buffer where there is one (Node, Bun), else the platform's atob and TextDecoder.

/** A reply that is not base64: not an answer of Upstash's REST API. */
export class NotBase64 extends Error {
  override readonly name = 'NotBase64';
}

export type Entry = { result?: unknown; error?: string };

const decoder = new TextDecoder();

/** Node's and Bun's Buffer, where there is one: it decodes without the copies atob makes. */
const NodeBuffer = (
  globalThis as { Buffer?: { from(text: string, encoding: 'base64'): { toString(): string } } }
).Buffer;
/** What atob accepts: whole groups of four, the last one maybe padded, or cut to 2 or 3. */
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

function fromBase64(value: string): string {
  if (NodeBuffer) {
    // Buffer takes any text and skips what is not base64: checked first, as atob checks.
    if (!BASE64.test(value)) throw new NotBase64();
    return NodeBuffer.from(value, 'base64').toString();
  }
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
