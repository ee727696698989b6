// Every failure the action can meet, classified once: what happened, what a person should do,
// and whether another attempt can possibly succeed. The retry loop reads `retryable` only.
// Text from outside (a server's error, a socket's message) is quoted through `outside`: printable
// and bounded, so no message can carry a line break, a workflow command or megabytes.

import { outside } from './safe-text.js';
import { redact } from './secrets.js';
import { setting } from './wording.js';

export type FailureKind =
  | 'input' // a workflow input is unusable
  | 'auth' // the token was rejected
  | 'read-only' // a read-only token was used for writes
  | 'timeout' // no complete answer within timeout-seconds
  | 'refused' // nothing listens at the address
  | 'dns' // the host name does not resolve
  | 'network' // connection reset, unreachable, closed early
  | 'tls' // certificate or TLS handshake problem
  | 'rate-limit' // HTTP 429 or a plan limit
  | 'server' // HTTP 5xx
  | 'http' // any other unexpected HTTP status
  | 'protocol' // the answer is not Upstash's REST JSON
  | 'command' // Redis refused one of the commands
  | 'verification' // values read back differ from those written
  | 'stale'; // status: last maintenance older than max-age-hours

export interface FailureOptions {
  retryable?: boolean;
  /** Server-advised wait before the next attempt (Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class KeepaliveError extends Error {
  override readonly name = 'KeepaliveError';
  readonly kind: FailureKind;
  /** What the person reading the log should do about it. */
  readonly fix: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(kind: FailureKind, message: string, fix: string, options: FailureOptions = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.fix = fix;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** One line for the log, the `error` output and the step's ::error:: annotation. */
  describe(): string {
    return `${this.message} Fix: ${this.fix}`;
  }
}

/** Who answered, and with which credentials: what a message about a refusal must name. */
export interface Target {
  database: string;
  kind: 'rest' | 'tcp';
  /** Where the token or password came from: "input 'token'", a variable, "the URL". */
  tokenSource: string;
}

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

export function timedOut(database: string, timeoutMs: number, cause: unknown): KeepaliveError {
  return new KeepaliveError(
    'timeout',
    `No complete answer from ${database} within ${timeoutMs / 1000} s (${setting('timeout-seconds')}).`,
    `check the database is not archived or paused in the Upstash console and that the URL is right; raise ${setting('timeout-seconds')} only if the network to it is known to be slow.`,
    { retryable: true, cause },
  );
}

/** Error codes Node reports for certificate and TLS handshake failures. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** A certificate or handshake failure: another attempt meets the same certificate. */
export function isTlsCode(code: string): boolean {
  return (
    TLS_CODES.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT')
  );
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function errorCode(error: unknown): string | undefined {
  // fetch wraps the socket error: TypeError('fetch failed') with the real one as `cause`.
  for (let e: unknown = error, depth = 0; e instanceof Object && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Classifies an exception thrown while sending a request or reading its answer. */
export function transportFailure(
  error: unknown,
  database: string,
  timeoutMs: number,
  viaTcp = false,
): KeepaliveError {
  if (error instanceof KeepaliveError) return error;
  if (isAbort(error)) return timedOut(database, timeoutMs, error);
  const code = errorCode(error) ?? 'unknown';
  if (code === 'ETIMEDOUT') return timedOut(database, timeoutMs, error);
  if (
    error instanceof Error &&
    error.cause instanceof Error &&
    error.cause.message === 'bad port'
  ) {
    return new KeepaliveError(
      'input',
      `The port of ${database} is one that fetch refuses to connect to (a "bad port" of the Fetch standard).`,
      'use the REST URL exactly as the Upstash console shows it; a local endpoint needs another port.',
      { cause: error },
    );
  }
  if (code === 'ECONNREFUSED') {
    return new KeepaliveError(
      'refused',
      `Connection refused by ${database}: nothing accepts connections at that address and port.`,
      'check the host and port in the URL; for Upstash REST it is https://<name>.upstash.io, for TCP rediss://…:6379.',
      { retryable: true, cause: error },
    );
  }
  if (code === 'ENOTFOUND') {
    return new KeepaliveError(
      'dns',
      `Host ${database} was not found (DNS lookup failed).`,
      `check ${setting('url')} for a typo; if the database was deleted, its host name no longer exists: create a new one and update the secrets.`,
      { cause: error },
    );
  }
  if (isTlsCode(code)) {
    return new KeepaliveError(
      'tls',
      `TLS/certificate failure talking to ${database} (${outside(code, 80)}).`,
      `check ${setting('url')} is the database endpoint and not a proxy, and that its port speaks TLS; a private CA must be trusted via NODE_EXTRA_CA_CERTS, never by disabling verification.`,
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    'network',
    `Network failure talking to ${database} (${outside(code === 'unknown' ? detail : code)}).`,
    viaTcp
      ? 'usually transient; if it persists, check the runner can reach the database host.'
      : 'usually transient; if it persists, check the runner can reach the database host, and that the port is an HTTPS one (a Redis port, 6379, needs a redis:// or rediss:// URL).',
    { retryable: RETRYABLE_NETWORK_CODES.has(code) || code === 'unknown', cause: error },
  );
}

/**
 * Longest server-advised wait (Retry-After) a run accepts before another attempt. A longer one,
 * on a 429 or a 5xx alike, means "not today": the attempt is not retried, so a run's worst case
 * stays max-attempts × timeout-seconds plus at most this much between attempts.
 */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Why a server-advised wait stops the retries, or '' when it does not. */
function tooLong(retryAfterMs: number | undefined): string {
  if (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS) return '';
  const asked = Math.round(retryAfterMs / 1000);
  return `; not retried: it asked to wait ${asked} s (Retry-After), more than the ${MAX_RETRY_AFTER_MS / 1000} s a run waits`;
}

/** Classifies an HTTP answer that is not a success of the protocol. */
export function httpFailure(
  status: number,
  statusText: string,
  bodyError: string | undefined,
  target: Target,
  retryAfterMs?: number,
): KeepaliveError {
  const { database } = target;
  const said = bodyError !== undefined ? `: ${outside(bodyError)}` : '';
  const detail = `HTTP ${status}${statusText ? ` ${outside(statusText, 60)}` : ''}${said}`;
  if (status === 401 || status === 403) return tokenRejected(detail, target);
  if (bodyError !== undefined && /^NOPERM\b/.test(bodyError)) {
    return permissionDenied(bodyError, target);
  }
  if (bodyError !== undefined && /^OOM\b/.test(bodyError)) return outOfMemory(bodyError, database);
  const wait = tooLong(retryAfterMs);
  if (status === 429 || (bodyError !== undefined && /limit exceeded/i.test(bodyError))) {
    const waitable = status === 429 && wait === '';
    return new KeepaliveError(
      'rate-limit',
      `${database} is rate limiting requests (${detail}${wait}).`,
      waitable
        ? 'transient: the action waits and retries; if it persists, check the usage limits of the plan in the Upstash console.'
        : 'a plan limit was reached: check the usage of the database in the Upstash console; the keep-alive needs only a few commands a day.',
      { retryable: waitable, retryAfterMs },
    );
  }
  if (status >= 500) {
    return new KeepaliveError(
      'server',
      `${database} answered with a server error (${detail}${wait}).`,
      wait === ''
        ? 'transient on the provider side: the action retries; if it persists, check the Upstash status page.'
        : 'the provider asks for a long pause: the next scheduled run tries again; if it persists, check the Upstash status page.',
      { retryable: wait === '', retryAfterMs },
    );
  }
  if (status >= 300 && status < 400) {
    return new KeepaliveError(
      'http',
      `${database} answered with a redirect (${detail}).`,
      'use the exact REST URL from the Upstash console (https://<name>.upstash.io), not one that redirects.',
    );
  }
  if (status === 400 && bodyError !== undefined) {
    return new KeepaliveError(
      'command',
      `The database refused the request (${detail}).`,
      `check ${setting('url')} points at an Upstash REST endpoint and that ${setting('key-prefix')} is not used by other data.`,
    );
  }
  return new KeepaliveError(
    'http',
    `${database} answered with an unexpected status (${detail}).`,
    status === 404 || status === 405
      ? `${setting('url')} must be the REST base URL (https://<name>.upstash.io) with no extra path.`
      : `check ${setting('url')} is the REST URL of the database from the Upstash console.`,
  );
}

export function unexpectedResponse(database: string, what: string): KeepaliveError {
  return new KeepaliveError(
    'protocol',
    `Unexpected response from ${database}: ${what}, not the JSON of Upstash's REST API.`,
    `${setting('url')} must be the REST URL of the database (https://<name>.upstash.io); a proxy, captive portal or web page answered instead.`,
  );
}

/** Wraps anything that is not a KeepaliveError (a bug or an unforeseen case) so it still reads well. */
export function asKeepaliveError(error: unknown): KeepaliveError {
  if (error instanceof KeepaliveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    'protocol',
    `Unexpected failure: ${outside(message)}`,
    'please report it with the log of this run at the action repository issues.',
    { cause: error },
  );
}

/** Nothing secret is put into messages; still, scrub them once more before they leave. */
export function scrub<T extends KeepaliveError | undefined>(error: T): T {
  if (error) error.message = redact(error.message);
  return error;
}
