// What the command line prints: timestamped lines (results on stdout, failures on stderr), or one
// JSON object with --json, the same shape on every path. Never a workflow command.

import { logLine } from '../safe-text.js';

export const stamp = (): string => `[${new Date().toISOString()}]`;

export function out(line: string): void {
  process.stdout.write(`${logLine(line)}\n`);
}

export function err(line: string): void {
  process.stderr.write(`${logLine(line)}\n`);
}

/**
 * One JSON object on one line. `##[` is written `#\u0023[` inside its strings (the same text once
 * parsed): a runner reading this command's output in a `run:` step must not see a command.
 */
export function answer(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value).replace(/##\[/g, '#\\u0023[')}\n`);
}
