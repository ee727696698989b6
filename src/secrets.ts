// Every secret this process knows — tokens, passwords, the webhook URL, the GitHub token — kept
// in one place so that any text can be cleaned of them before it is escaped, cut or printed.
// Cleaning comes first: an echoed token cut in the middle, or escaped, would no longer match.

const known = new Set<string>();

/** Adds the values to the secrets every later `redact` removes. */
export function rememberSecrets(values: Iterable<string>): void {
  for (const value of values) if (value !== '') known.add(value);
}

/** Forgets them all (a new run in the same process, as in tests). */
export function forgetSecrets(): void {
  known.clear();
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
  let out = text;
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
