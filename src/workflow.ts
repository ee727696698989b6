// What the action tells the Actions runner — log lines, masks, annotations, outputs, the step
// summary — through @actions/core, the library GitHub keeps for that protocol. Two rules are
// added here, and only here:
//  - every line goes through safe-text first, so no value can forge a workflow command;
//  - outside GitHub Actions (GITHUB_ACTIONS unset: a cron job or a shell running dist/index.js)
//    no workflow command is printed at all: `::add-mask::<token>` there is the token in clear.

import * as core from '@actions/core';
import { bounded, CAPS, logLine, printable } from './safe-text.js';

function inActions(): boolean {
  return process.env.GITHUB_ACTIONS === 'true';
}

/** An input as the runner passed it (INPUT_<NAME>), untrimmed: url and token keep their lines. */
export function input(name: string): string {
  return core.getInput(name, { trimWhitespace: false });
}

/** Masks a secret in every later line of the job's log (only inside Actions: see above). */
export function mask(secret: string): void {
  if (inActions()) core.setSecret(secret);
}

export function info(text: string): void {
  core.info(logLine(text));
}

/** An annotation's text: one printable line; @actions/core escapes it into the command. */
function annotation(text: string): string {
  return bounded(printable(text), CAPS.logLine);
}

export function warning(text: string): void {
  if (inActions()) core.warning(annotation(text));
  else info(`Warning: ${text}`);
}

/** The step fails (exit code 1) with this as its error annotation. */
export function fail(text: string): void {
  if (inActions()) core.setFailed(annotation(text));
  else {
    info(`Error: ${text}`);
    process.exitCode = 1;
  }
}

/**
 * One output, bounded. Outside Actions, with no output file, there is nobody to read it; inside
 * Actions without one (an old runner, or @github/local-action), @actions/core knows what to do.
 */
export function output(name: string, value: string): void {
  // `results` is built within its own cap, always whole JSON; the others are cut at CAPS.output.
  const max = name === 'results' ? CAPS.resultsBytes : CAPS.output; // chars ≤ bytes
  if (process.env.GITHUB_OUTPUT || inActions()) core.setOutput(name, bounded(value, max));
}

/** Appends Markdown to the step summary, when the runner gave a summary file. */
export async function summary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}
