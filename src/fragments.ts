// Where a text holds a fragment of a known secret: every stretch of FRAGMENT characters or more
// that also appears in one. A server may echo a token less a character, or a piece of it, and
// ordinary text must not match by chance.
//
// Hand-written because the packages that search for many strings at once (Aho-Corasick) find
// whole patterns, and here any part of one counts. Every FRAGMENT-long piece of every secret is
// indexed by a rolling hash, in typed arrays (a thousand tokens make about 100,000 pieces); a text
// is read once, piece by piece, and each piece found is extended as far as it matches.

/**
 * Shortest fragment taken for the secret. Twelve characters of a random token do not occur in
 * ordinary text by chance (base64: 72 bits), and are longer than a run id or most words; a
 * shorter value (a password of 8 to 11 characters) is masked only whole, by the caller.
 */
export const FRAGMENT = 12;

const BASE = 0x01000193; // FNV's prime: odd, so the hash keeps every character's bits
let TOP = 1; // BASE ** (FRAGMENT - 1), modulo 2 ** 32: what the character leaving the window weighed
for (let i = 1; i < FRAGMENT; i++) TOP = Math.imul(TOP, BASE);

function hashAt(text: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + FRAGMENT; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** The hash of the window one character further on. */
function roll(h: number, text: string, at: number): number {
  const out = Math.imul(text.charCodeAt(at), TOP);
  return (Math.imul(h - out, BASE) + text.charCodeAt(at + FRAGMENT)) | 0;
}

export interface FragmentIndex {
  secrets: string[];
  /** Per secret: the length of its start that is not secret (a URL's scheme and host). */
  open: number[];
  bits: number;
  /** Per table slot, the first piece in it (-1: none); per piece, the next in its slot. */
  head: Int32Array;
  next: Int32Array;
  hash: Int32Array;
  secret: Int32Array;
  offset: Int32Array;
}

/** The slot of a hash: its high bits after a multiplication spread it (Fibonacci hashing). */
const slotOf = (h: number, bits: number) => Math.imul(h, 0x9e3779b1) >>> (32 - bits);

/**
 * The scheme and host at the start of a URL (as given, or URI-encoded): seen by anyone who sees
 * where it points, and shared with the name of a database on the same host. Only a fragment that
 * reaches past them is the secret's.
 */
function openStart(secret: string): number {
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // not URI-encoded: read as it is
  }
  let origin: string;
  try {
    origin = new URL(decoded).origin;
  } catch {
    return 0;
  }
  const encoded = encodeURIComponent(origin);
  // The whole value an origin: then it is all the secret.
  for (const start of [origin, encoded]) {
    if (origin !== 'null' && secret.startsWith(start) && secret.length > start.length) {
      return start.length;
    }
  }
  return 0;
}

/** Every FRAGMENT-long piece of the secrets at least that long, indexed. */
export function fragmentIndex(all: string[]): FragmentIndex {
  const secrets = all.filter((s) => s.length >= FRAGMENT);
  const count = secrets.reduce((n, s) => n + s.length - FRAGMENT + 1, 0);
  const bits = Math.max(4, Math.ceil(Math.log2(count * 2 + 1)));
  const index: FragmentIndex = {
    secrets,
    open: secrets.map(openStart),
    bits,
    head: new Int32Array(2 ** bits).fill(-1),
    next: new Int32Array(count),
    hash: new Int32Array(count),
    secret: new Int32Array(count),
    offset: new Int32Array(count),
  };
  let piece = 0;
  secrets.forEach((s, n) => {
    for (let at = 0, h = hashAt(s, 0); ; h = roll(h, s, at), at++) {
      if (!known(index, s, at, h, n)) {
        const slot = slotOf(h, bits);
        index.next[piece] = index.head[slot] ?? -1;
        index.head[slot] = piece;
        index.hash[piece] = h;
        index.secret[piece] = n;
        index.offset[piece] = at;
        piece++;
      }
      if (at + FRAGMENT >= s.length) break;
    }
  });
  return index;
}

/**
 * Whether the same piece is indexed already (then kept once: secrets that share long runs, as a
 * hostile list of tokens may, would otherwise make every lookup walk thousands of equal pieces).
 * A piece any secret holds past its open start is kept as such: a match on it is a fragment.
 */
function known(index: FragmentIndex, s: string, at: number, h: number, n: number): boolean {
  for (let p = index.head[slotOf(h, index.bits)] ?? -1; p >= 0; p = index.next[p] ?? -1) {
    if (index.hash[p] !== h) continue;
    const other = index.secrets[index.secret[p] ?? 0] ?? '';
    const from = index.offset[p] ?? 0;
    let same = true;
    for (let i = 0; i < FRAGMENT && same; i++)
      same = other.charCodeAt(from + i) === s.charCodeAt(at + i);
    if (!same) continue;
    const wasOpen = from < (index.open[index.secret[p] ?? 0] ?? 0);
    if (wasOpen && at >= (index.open[n] ?? 0)) {
      index.secret[p] = n;
      index.offset[p] = at;
    }
    return true;
  }
  return false;
}

/**
 * Where the longest fragment found at `at` ends, or -1 when none starts there. A fragment of a
 * URL counts only when it reaches past the scheme and host (by FRAGMENT characters, or to its end).
 */
function fragmentEnd(index: FragmentIndex, text: string, at: number, h: number): number {
  let end = -1;
  for (let p = index.head[slotOf(h, index.bits)] ?? -1; p >= 0; p = index.next[p] ?? -1) {
    if (index.hash[p] !== h) continue;
    const n = index.secret[p] ?? 0;
    const secret = index.secrets[n] ?? '';
    const from = index.offset[p] ?? 0;
    let length = 0;
    while (
      at + length < text.length &&
      from + length < secret.length &&
      text.charCodeAt(at + length) === secret.charCodeAt(from + length)
    ) {
      length++;
    }
    if (length < FRAGMENT) continue; // another piece with the same hash
    const open = index.open[n] ?? 0;
    const past = from + length - Math.max(from, open);
    if (past < Math.min(FRAGMENT, secret.length - open)) continue;
    end = Math.max(end, at + length);
  }
  return end;
}

/**
 * The stretches of `text` that are fragments of a secret, as [start, end) in order, those that
 * overlap or touch merged. After a fragment, reading resumes FRAGMENT - 1 characters before its
 * end: any fragment that reaches further has a piece that starts there, so none is missed.
 */
export function fragmentsIn(index: FragmentIndex, text: string): [number, number][] {
  const found: [number, number][] = [];
  if (index.secrets.length === 0 || text.length < FRAGMENT) return found;
  let at = 0;
  let h = hashAt(text, 0);
  while (at + FRAGMENT <= text.length) {
    const end = fragmentEnd(index, text, at, h);
    if (end < 0) {
      if (at + FRAGMENT < text.length) h = roll(h, text, at);
      at++;
      continue;
    }
    const last = found.at(-1);
    if (last && at <= last[1]) last[1] = Math.max(last[1], end);
    else found.push([at, end]);
    at = end - FRAGMENT + 1;
    if (at + FRAGMENT <= text.length) h = hashAt(text, at);
  }
  return found;
}
