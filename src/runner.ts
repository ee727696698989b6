// The Actions runner's protocol, the part this action uses: inputs from INPUT_* variables,
// outputs to the GITHUB_OUTPUT file, masks and annotations as workflow commands on stdout.
//
// Why not @actions/core: bundled, it brings its own HTTP stack (for OIDC tokens this action never
// asks for) and doubled the start-up time of every run (see README, Performance). This module
// writes exactly what @actions/core writes; __tests__/runner.test.ts runs both and compares.

import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/** The runner passes input `key-prefix` as INPUT_KEY-PREFIX: upper-cased, spaces to `_`. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env, trim = true): string {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  return trim ? value.trim() : value;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, message: string, properties = ''): void {
  process.stdout.write(`::${name}${properties}::${escapeData(message)}${EOL}`);
}

/** Masks `secret` in every later line of the log. */
export function setSecret(secret: string): void {
  command('add-mask', secret);
}

export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    // Outside a runner (or an old one): the deprecated workflow command, as @actions/core does.
    process.stdout.write(EOL);
    command('set-output', value, ` name=${escapeProperty(name)}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: output ${name} contains the delimiter ${delimiter}`);
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

export function warning(message: string): void {
  command('warning', message);
}

/** An ::error:: annotation, and exit code 1 once the process ends. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  command('error', message);
}
