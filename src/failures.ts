// What the database's refusals mean, by the reason Redis gives (the same over REST and TCP), and
// what a bug becomes. Text from outside (a server's error) is quoted through `outside`: without
// secrets, printable and bounded, so no message can carry a line break, a command or megabytes.

import { KeepaliveError, type Target } from './errors.js';
import { outside } from './safe-text.js';
import { setting, settingWith } from './wording.js';

const TOKEN_FIX =
  'use the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), not the database password, and check the secret was copied whole, including any trailing `=`.';

export function tokenRejected(detail: string, target: Target): KeepaliveError {
  return new KeepaliveError(
    'auth',
    `The database rejected the token given in ${target.tokenSource} (${outside(detail)}).`,
    TOKEN_FIX,
  );
}

export function passwordRejected(detail: string): KeepaliveError {
  return new KeepaliveError(
    'auth',
    `The database rejected the password (${outside(detail)}).`,
    `use the password of the database's redis:// connection string (Upstash console → your database → Connect → TCP), given in the URL (rediss://default:PASSWORD@host:6379) or in ${setting('token')}; the REST token is not that password.`,
  );
}

/** NOPERM: a read-only REST token, or an ACL user without the permission, asked to write. */
export function permissionDenied(redisError: string, target: Target): KeepaliveError {
  const said = outside(redisError);
  if (target.kind === 'tcp') {
    return new KeepaliveError(
      'read-only',
      `The database user of ${target.database} may not run a command the keep-alive needs (${said}).`,
      'give that ACL user the permission the error names (maintenance needs writes and EVAL under the key prefix; status and ping only reads), or use a user that has it; mode status needs only reads.',
    );
  }
  return new KeepaliveError(
    'read-only',
    `The token given in ${target.tokenSource} is read-only: the database refused a write (${said}).`,
    'mode maintenance writes, so it needs the full-access REST token (UPSTASH_REDIS_REST_TOKEN), not the read-only one; or use mode status, which only reads.',
  );
}

/** DENIED: a Redis without a password, in protected mode, refuses connections from afar. */
export function protectedMode(redisError: string, database: string): KeepaliveError {
  return new KeepaliveError(
    'refused',
    `${database} refused the connection: ${outside(redisError, 200)}`,
    'the server runs in protected mode: give it a password (requirepass or an ACL user) and put it in the URL, or bind it only to an interface the runner may reach.',
  );
}

/** OOM: the database is full (maxmemory); nothing under the key prefix is to blame. */
export function outOfMemory(redisError: string, database: string): KeepaliveError {
  return new KeepaliveError(
    'command',
    `${database} is out of memory and refused the write (${outside(redisError)}).`,
    'free space in the database or raise its memory limit (Upstash console → your database → usage and plan); the keep-alive itself stores only a few hundred bytes.',
  );
}

/** CROSSSLOT: a Redis Cluster, where the keys of one script or transaction must share a slot. */
export function crossSlot(redisError: string, database: string): KeepaliveError {
  return new KeepaliveError(
    'command',
    `${database} is a Redis Cluster and refused the keep-alive's keys, which hash to different slots (${outside(redisError)}); nothing was written.`,
    `give the keys one hash tag, so that they share a slot: ${settingWith('key-prefix', '{upstash-keepalive}')} (only the part in braces is hashed).`,
  );
}

/** A command refused by Redis, by the reason it gives. */
export function commandFailure(
  error: string,
  command: string,
  key: string | undefined,
  target: Target,
): KeepaliveError {
  if (/\bNOPERM\b/.test(error)) return permissionDenied(error, target);
  if (/^(NOAUTH|WRONGPASS)\b/.test(error)) return passwordRejected(error);
  if (/^OOM\b/.test(error)) return outOfMemory(error, target.database);
  if (/^DENIED\b/.test(error)) return protectedMode(error, target.database);
  if (/^CROSSSLOT\b/.test(error)) return crossSlot(error, target.database);
  const on = key === undefined ? '' : ` on key '${key}'`;
  if (/^WRONGTYPE\b/.test(error)) {
    return new KeepaliveError(
      'command',
      `${command}${on} was refused and nothing was written: ${outside(error)}.`,
      `a key under ${setting('key-prefix')} holds data the keep-alive did not write: choose another key prefix, or remove or rename that key yourself if its data is not needed.`,
    );
  }
  return new KeepaliveError(
    'command',
    `${command}${on} failed: ${outside(error)}.`,
    'check the database accepts standard Redis commands and Lua scripts (Redis 6.2 or later).',
  );
}

/** Wraps anything that is not a KeepaliveError (a bug or an unforeseen case) so it still reads well. */
export function asKeepaliveError(error: unknown): KeepaliveError {
  if (error instanceof KeepaliveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    'internal',
    `Unexpected failure: ${outside(message)}`,
    'please report it with the log of this run at the action repository issues.',
    { cause: error },
  );
}
