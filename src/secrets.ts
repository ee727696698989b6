// Every secret this process knows — tokens, passwords, the webhook URL, the GitHub token — kept
// in one place so that any text can be cleaned of them before it is escaped, cut or printed.
// Cleaning comes first: an echoed token cut in the middle, or escaped, would no longer match.

import { ENV_FALLBACKS } from './connections/environment.js';
import type { KeepaliveError } from './errors.js';
import { SecretIndex } from './secret-index.js';

const known = new Set<string>();

/** Adds the values to the secrets every later `redact` removes. */
export function rememberSecrets(values: Iterable<string>): void {
  for (const value of values) if (value !== '') known.add(value);
}

/** Forgets them all (a new run in the same process, as in tests). */
export function forgetSecrets(): void {
  known.clear();
  many.clear();
}

/**
 * A part of a secret at either end of a text is taken for the secret when it is at least half
 * of it and 12 characters long: shorter ends match ordinary text (a run id, a word) too often.
 */
const partial = (secret: string) => Math.max(12, Math.ceil(secret.length / 2));

/**
 * `text` without any known secret: each is replaced by ***, and so is the start or the end of
 * one where the text begins or ends with it (a server that cut what it echoed).
 */
export function redact(text: string): string {
  let out = many.redact(text);
  const secrets = [...known].sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join('***');
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, out.length); k >= partial(secret); k--) {
      if (out.endsWith(secret.slice(0, k))) {
        out = `${out.slice(0, -k)}***`;
        break;
      }
    }
    for (let k = Math.min(secret.length - 1, out.length); k >= partial(secret); k--) {
      if (out.startsWith(secret.slice(-k))) {
        out = `***${out.slice(k)}`;
        break;
      }
    }
  }
  return out;
}

/**
 * Shortest token or password accepted. A real one is far longer (an Upstash REST token has about
 * 60 characters); a shorter value is a mistake, and masking it would garble ordinary words.
 */
export const MIN_SECRET_LENGTH = 8;

/** The secrets of an Upstash account, a thousand or more: looked up by index (secret-index.ts). */
const many = new SecretIndex(MIN_SECRET_LENGTH);

/** Adds many secrets at once, such as the tokens of every database of an account. */
export function rememberMany(values: Iterable<string>): void {
  for (const value of values) many.add(value);
}

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
