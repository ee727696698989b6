// Parsers of single values: each names its input in the error, and quotes what it got only
// cut and made printable (an input may hold anything).

import { InputError } from '../input-error.js';
import { MODES, type Mode } from '../modes/types.js';
import { outside, printable } from '../safe-text.js';
import { DEFAULTS, LIMITS } from './limits.js';

export function parseFailOn(raw: string): 'any' | 'all' {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'any') return 'any';
  if (value === 'all') return 'all';
  throw new InputError('fail-on', `must be any or all; got '${outside(raw.trim(), 100)}'.`);
}

/** The YAML 1.2 booleans, as @actions/core's getBooleanInput accepts them. */
export function parseBoolean(input: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(input, `must be true or false; got '${outside(value, 100)}'.`);
}

export function parseMode(raw: string): Mode {
  const value = raw.trim().toLowerCase();
  if (value === '') return DEFAULTS.mode;
  const mode = MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new InputError(
      'mode',
      `must be one of ${MODES.join(', ')}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return mode;
}

export function parseKeyPrefix(raw: string): string {
  const value = raw.trim();
  if (value === '') return DEFAULTS.keyPrefix;
  if (/\s/.test(value) || printable(value) !== value) {
    throw new InputError('key-prefix', 'must not contain whitespace or control characters.');
  }
  if (/[*?[\]\\]/.test(value)) {
    throw new InputError(
      'key-prefix',
      'must not contain the glob characters * ? [ ] or a backslash: keys under it must be matchable exactly.',
    );
  }
  if (value.length > LIMITS.keyPrefixLength) {
    throw new InputError(
      'key-prefix',
      `must be at most ${LIMITS.keyPrefixLength} characters; got ${value.length}.`,
    );
  }
  return value;
}

export function parseNumber(input: string, raw: string, accepted: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const n = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(value, 100)}'.`);
  }
  return n;
}

export function parseTimeout(raw: string): number {
  const accepted = `a number of seconds from ${LIMITS.minTimeoutSeconds} to ${LIMITS.timeoutSeconds}`;
  const seconds = parseNumber('timeout-seconds', raw, accepted) ?? DEFAULTS.timeoutSeconds;
  if (seconds < LIMITS.minTimeoutSeconds || seconds > LIMITS.timeoutSeconds) {
    throw new InputError(
      'timeout-seconds',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return Math.round(seconds * 1000);
}

export function parseMaxAttempts(raw: string): number {
  const accepted = `a whole number from 1 to ${LIMITS.maxAttempts}`;
  const n = parseNumber('max-attempts', raw, accepted) ?? DEFAULTS.maxAttempts;
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.maxAttempts) {
    throw new InputError('max-attempts', `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}

/** A whole number from `min` to `max`, or undefined when empty. */
export function parseWhole(
  input: string,
  raw: string,
  min: number,
  max: number,
): number | undefined {
  const accepted = `a whole number from ${min} to ${max}`;
  const n = parseNumber(input, raw, accepted);
  if (n !== undefined && (!Number.isInteger(n) || n < min || n > max)) {
    throw new InputError(input, `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`);
  }
  return n;
}

export function parseMaxAge(raw: string): number | undefined {
  const accepted = 'a number of hours greater than 0, or empty for no limit';
  const hours = parseNumber('max-age-hours', raw, accepted);
  if (hours !== undefined && hours <= 0) {
    throw new InputError(
      'max-age-hours',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return hours;
}
