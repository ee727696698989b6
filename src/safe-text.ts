// Text that did not come from this code — server replies, values stored in the database, error
// texts, runner variables — is bounded and made printable once, where it enters, and every line
// the action or the command prints goes through `logLine`, so no value can forge a line of its own.
//
// Hand-written because no package does this job: the Actions runner (actions/runner,
// ActionCommand.cs) reads a line as a workflow command when it starts with `::` after leading
// whitespace, or when it contains `##[name…]` anywhere; it splits lines at \n, \r and \r\n.

import { redact } from './secrets.js';

/** Size caps, in characters (UTF-16 units) unless said otherwise. */
export const CAPS = {
  /** One value from outside quoted in a message (an error text, a stored value). */
  quoted: 500,
  /** One line of the log. */
  logLine: 4_000,
  /** One output value (GitHub takes at most 1 MB for an output). */
  output: 64_000,
  /** The `results` output in bytes, every database's JSON, within GitHub's 1 MB for an output. */
  resultsBytes: 900_000,
  /** One cell or line of the step summary. */
  summaryValue: 1_000,
  /** A reply body, in bytes: larger is refused without being read whole (ours are a few KB). */
  replyBytes: 1024 * 1024,
} as const;

/** Control characters, including the line separators some readers honour. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Every control character as a visible escape (\n, \r, \t, \u001b…): one line, nothing hidden. */
export function printable(text: string): string {
  return text.replace(
    CONTROL,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The size of `text` in UTF-8, in bytes, counted without encoding it (Buffer is Node's alone, and
 * TextEncoder would allocate a copy for each of the many values a fleet's histories hold).
 */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A pair is one character of four bytes; a lone surrogate is encoded as U+FFFD (3).
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Cuts `text` to `max` characters, saying how much was left out. Never splits a surrogate pair. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const rest = utf8Bytes(text.slice(end));
  return `${text.slice(0, end)}… (${rest} bytes more)`;
}

/** A value from outside, for quoting inside a message: without secrets, printable, bounded. */
export function outside(value: unknown, max: number = CAPS.quoted): string {
  const text = typeof value === 'string' ? value : safeJson(value);
  return bounded(printable(redact(text)), max);
}

/** A value as JSON for display; a value too deep or odd to print says so instead of throwing. */
function safeJson(value: unknown): string {
  try {
    // JSON.stringify answers undefined for undefined and functions, whatever its type says.
    if (value === undefined || typeof value === 'function') return String(value);
    return JSON.stringify(value);
  } catch {
    return '(a value that cannot be shown)';
  }
}

/**
 * One line for the log: printable, bounded, and unable to be read as a workflow command — a
 * leading `::` gets a visible mark before it, and `##[` anywhere loses its meaning.
 */
export function logLine(text: string): string {
  const line = bounded(printable(redact(text)), CAPS.logLine).replace(/##\[/g, '#\u200b#[');
  return /^\s*::/u.test(line) ? `› ${line}` : line;
}

/**
 * A value for the step summary (GitHub-flavoured Markdown with HTML): printable, bounded, and
 * inert — every character that has a meaning inside a line of Markdown or HTML is escaped, so a
 * `|` cannot break a table, `<img>` cannot render, and `[text](url)` cannot make a link.
 */
export function markdown(text: string, max: number = CAPS.summaryValue): string {
  return bounded(printable(redact(text)), max)
    .replace(/[\\`*_[\]|~!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * A value for an issue or a comment: as `markdown`, and with no @mention or #reference either
 * (a zero-width joiner after each @ and #: GitHub notifies whoever a text names).
 */
export function issueText(text: string): string {
  return markdown(text).replace(/[@#]/g, '$&\u200d');
}
