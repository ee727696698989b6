// Every secret this process knows — tokens, passwords, the webhook URL, the GitHub token — kept
// in one place so that any text can be cleaned of them before it is escaped, cut or printed.
// Cleaning comes first: an echoed token cut in the middle, or escaped, would no longer match.

import { ENV_FALLBACKS } from './connections/environment.js';
import type { KeepaliveError } from './errors.js';
import type { Env } from './env.js';
import { FRAGMENT, fragmentIndex, fragmentsIn, type FragmentIndex } from './fragments.js';

/**
 * The known secrets, each with how many holders keep it: the action and the command line
 * remember theirs for the process; a library call or a request of the route holds its own for
 * its duration only (a server would otherwise keep, and scan for, every token it ever saw).
 */
const known = new Map<string, number>();
/** Those masked only whole: not random, so a fragment could be a word (an e-mail's domain). */
const wholeOnly = new Set<string>();
/** The known secrets as `redact` reads them, made again on first use after they change. */
let lookup: { index: FragmentIndex; short: string[] } | undefined;

/** Adds values that are secret but not random: each is masked where it stands whole. */
export function rememberWholeSecrets(values: Iterable<string>): void {
  for (const value of values) {
    if (value === '' || wholeOnly.has(value)) continue;
    wholeOnly.add(value);
    lookup = undefined;
  }
}

/** Adds the values to the secrets every later `redact` removes. */
export function rememberSecrets(values: Iterable<string>): void {
  for (const value of values) {
    if (value === '') continue;
    // Only a new secret changes the index (a route remembers the same ones on every request).
    if (!known.has(value)) lookup = undefined;
    known.set(value, Infinity);
  }
}

/** Holds the values as secrets until the returned function is called (once). */
export function holdSecrets(values: Iterable<string>): () => void {
  const held = [...new Set(values)].filter((value) => value !== '');
  for (const value of held) {
    if (!known.has(value)) lookup = undefined;
    known.set(value, (known.get(value) ?? 0) + 1);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const value of held) {
      const holders = (known.get(value) ?? 1) - 1;
      if (holders > 0) known.set(value, holders);
      else if (known.delete(value)) lookup = undefined;
    }
  };
}

/** Forgets them all (a new run in the same process, as in tests). */
export function forgetSecrets(): void {
  known.clear();
  wholeOnly.clear();
  lookup = undefined;
}

/**
 * `text` without any known secret: every stretch of it that is a fragment of one, FRAGMENT
 * characters or more (a server that echoed a token less a character, or cut it), is replaced by
 * ***; a shorter secret only where it stands whole.
 */
export function redact(text: string): string {
  lookup ??= {
    index: fragmentIndex([...known.keys()].filter((s) => !wholeOnly.has(s))),
    short: [...known.keys(), ...wholeOnly]
      .filter((s) => s.length < FRAGMENT || wholeOnly.has(s))
      .sort((a, b) => b.length - a.length),
  };
  let out = '';
  let from = 0;
  for (const [start, end] of fragmentsIn(lookup.index, text)) {
    out += `${text.slice(from, start)}***`;
    from = end;
  }
  out = from === 0 ? text : out + text.slice(from);
  for (const secret of lookup.short) out = out.split(secret).join('***');
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
  env: Env,
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
