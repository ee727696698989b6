// Every secret this process knows — tokens, passwords, the webhook URL, the GitHub token — kept
// in one place so that any text can be cleaned of them before it is escaped, cut or printed.
// Cleaning comes first: an echoed token cut in the middle, or escaped, would no longer match.

import { ENV_FALLBACKS } from './connections/environment.js';
import type { KeepaliveError } from './errors.js';

const known = new Set<string>();
/** The known secrets, longest first, with what `redact` looks for: built once per change. */
let ordered: Secret[] | undefined;

/** Adds the values to the secrets every later `redact` removes. */
export function rememberSecrets(values: Iterable<string>): void {
  for (const value of values) if (value !== '') known.add(value);
  ordered = undefined;
}

/** Forgets them all (a new run in the same process, as in tests). */
export function forgetSecrets(): void {
  known.clear();
  ordered = undefined;
}

/**
 * A part of a secret at either end of a text is taken for the secret when it is at least half
 * of it and 12 characters long: shorter ends match ordinary text (a run id, a word) too often.
 */
const partial = (secret: string) => Math.max(12, Math.ceil(secret.length / 2));

interface Secret {
  value: string;
  /** The shortest part of it masked at an end of a text (see `partial`). */
  part: number;
  /** Its first and last `part` characters: an end of a text holding a part holds these. */
  head: string;
  tail: string;
}

function secretsLongestFirst(): Secret[] {
  ordered ??= [...known]
    .sort((a, b) => b.length - a.length)
    .map((value) => {
      const part = partial(value);
      return { value, part, head: value.slice(0, part), tail: value.slice(-part) };
    });
  return ordered;
}

/**
 * `text` without any known secret: each is replaced by ***, and so is the start or the end of
 * one where the text begins or ends with it (a server that cut what it echoed). It runs on
 * every text printed and every field of every history entry read (some 360,000 times in the
 * maintenance of 1,000 databases): a text that holds no secret costs a few searches and no
 * allocation.
 */
export function redact(text: string): string {
  let out = text;
  const secrets = secretsLongestFirst();
  for (const { value } of secrets) if (out.includes(value)) out = out.split(value).join('***');
  for (const secret of secrets) out = maskStart(maskEnd(out, secret), secret);
  return out;
}

/** `out` ending with the secret's first k characters (k ≥ part): those become ***. */
function maskEnd(out: string, { value, part, head }: Secret): string {
  const most = Math.min(value.length - 1, out.length);
  // The part would start at out.length - k, at or after out.length - most: look there first.
  if (most < part || !out.includes(head, out.length - most)) return out;
  for (let k = most; k >= part; k--) {
    if (out.endsWith(value.slice(0, k))) return `${out.slice(0, -k)}***`;
  }
  return out;
}

/** `out` beginning with the secret's last k characters (k ≥ part): those become ***. */
function maskStart(out: string, { value, part, tail }: Secret): string {
  const most = Math.min(value.length - 1, out.length);
  // The tail would be at k - part, at most most - part: its first place must be there or before.
  const at = most < part ? -1 : out.indexOf(tail);
  if (at === -1 || at > most - part) return out;
  for (let k = most; k >= part; k--) {
    if (out.startsWith(value.slice(-k))) return `***${out.slice(k)}`;
  }
  return out;
}

/**
 * Shortest token or password accepted. A real one is far longer (an Upstash REST token has about
 * 60 characters); a shorter value is a mistake, and masking it would garble ordinary words.
 */
export const MIN_SECRET_LENGTH = 8;

/** Strips what people paste around a token: whitespace, newlines, a `Bearer ` prefix. */
export function cleanToken(raw: string): string {
  return raw.trim().replace(/^bearer(\s+|$)/i, '');
}

/** The password part of a URL (redis://user:PASSWORD@host), decoded, or '' when none. */
function urlPassword(raw: string): string {
  try {
    const { password } = new URL(raw.trim());
    try {
      return decodeURIComponent(password);
    } catch {
      return password; // a bad % escape: refused later, masked as written meanwhile
    }
  } catch {
    return '';
  }
}

/** Every secret the inputs and the fallback variables hold, for masking before anything runs. */
export function secretValues(
  tokenInput: string,
  urlInput: string,
  env: NodeJS.ProcessEnv,
  others: string[] = [],
  databasesJson = '',
): string[] {
  const values = [tokenInput.trim(), cleanToken(tokenInput), urlPassword(urlInput)];
  values.push(...databaseSecrets(databasesJson));
  // Several databases: one token and one URL per line.
  for (const line of tokenInput.split(/\r?\n/)) values.push(line.trim(), cleanToken(line));
  for (const line of urlInput.split(/\r?\n/)) values.push(urlPassword(line));
  values.push(...others.map((value) => value.trim()));
  for (const fallback of ENV_FALLBACKS) {
    values.push(urlPassword(env[fallback.url] ?? ''));
    if (fallback.token) {
      const token = env[fallback.token] ?? '';
      values.push(token.trim(), cleanToken(token));
    }
  }
  const forms = new Set<string>();
  for (const value of values) {
    // Shorter values are refused as tokens before use (MIN_SECRET_LENGTH); never masked.
    if (value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
  }
  return [...forms];
}

/** The tokens and passwords in the databases JSON, as far as it can be read (it is refused later). */
function databaseSecrets(json: string): string[] {
  if (json.trim() === '') return [];
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    return [json.trim()]; // unreadable: the whole value is masked, as the runner does a secret
  }
  if (!Array.isArray(entries)) return [json.trim()];
  return entries.flatMap((entry: unknown) => {
    const { url, token } = (entry ?? {}) as { url?: unknown; token?: unknown };
    const tokenText = typeof token === 'string' ? token : '';
    return [
      tokenText.trim(),
      cleanToken(tokenText),
      urlPassword(typeof url === 'string' ? url : ''),
    ];
  });
}

/** Nothing secret is put into messages; still, scrub them once more before they leave. */
export function scrub<T extends KeepaliveError | undefined>(error: T): T {
  if (error) error.message = redact(error.message);
  return error;
}
