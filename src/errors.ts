// Every failure the action can meet, classified once: what happened, what a person should do,
// and whether another attempt can possibly succeed. The retry loop reads `retryable` only.

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

const TOKEN_FIX =
  'use the REST token of the database (Upstash console → your database → REST API → UPSTASH_REDIS_REST_TOKEN), not the database password, and check the secret was copied whole, including any trailing `=`.';

export function tokenRejected(detail: string): KeepaliveError {
  return new KeepaliveError(
    'auth',
    `The database rejected the token given in input 'token' (${detail}).`,
    TOKEN_FIX,
  );
}

export function passwordRejected(detail: string): KeepaliveError {
  return new KeepaliveError(
    'auth',
    `The database rejected the password (${detail}).`,
    "use the password of the database's redis:// connection string (Upstash console → your database → Connect → TCP), given in the URL (rediss://default:PASSWORD@host:6379) or in input 'token'; the REST token is not that password.",
  );
}

export function readOnlyToken(redisError: string): KeepaliveError {
  return new KeepaliveError(
    'read-only',
    `The token given in input 'token' is read-only: the database refused a write (${redisError}).`,
    'mode maintenance writes, so it needs the full-access REST token (UPSTASH_REDIS_REST_TOKEN), not the read-only one; or use mode status, which only reads.',
  );
}

export function timedOut(database: string, timeoutMs: number, cause: unknown): KeepaliveError {
  return new KeepaliveError(
    'timeout',
    `No complete answer from ${database} within ${timeoutMs / 1000} s (timeout-seconds).`,
    'check the database is not archived or paused in the Upstash console and that the URL is right; raise timeout-seconds only if the network to it is known to be slow.',
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

function errorCode(error: unknown): string | undefined {
  // fetch wraps the socket error: TypeError('fetch failed') with the real one as `cause`.
  for (let e: unknown = error, depth = 0; e instanceof Object && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Classifies an exception thrown while sending a request or reading its answer. */
export function transportFailure(
  error: unknown,
  database: string,
  timeoutMs: number,
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
      'check input url for a typo; if the database was deleted, its host name no longer exists: create a new one and update the secrets.',
      { cause: error },
    );
  }
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
    return new KeepaliveError(
      'tls',
      `TLS/certificate failure talking to ${database} (${code}).`,
      'check input url is the database endpoint and not a proxy; a private CA must be trusted via NODE_EXTRA_CA_CERTS, never by disabling verification.',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    'network',
    `Network failure talking to ${database} (${code === 'unknown' ? detail : code}).`,
    'usually transient; if it persists, check the runner can reach the database host.',
    { retryable: RETRYABLE_NETWORK_CODES.has(code) || code === 'unknown', cause: error },
  );
}

/** Longest Retry-After the action is willing to wait for; a longer one means: not today. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Classifies an HTTP answer that is not a success of the protocol. */
export function httpFailure(
  status: number,
  statusText: string,
  bodyError: string | undefined,
  database: string,
  retryAfterMs?: number,
): KeepaliveError {
  const said = bodyError !== undefined ? `: ${bodyError}` : '';
  const detail = `HTTP ${status}${statusText ? ` ${statusText}` : ''}${said}`;
  if (status === 401 || status === 403) return tokenRejected(detail);
  if (bodyError !== undefined && /^NOPERM\b/.test(bodyError)) return readOnlyToken(bodyError);
  if (status === 429 || (bodyError !== undefined && /limit exceeded/i.test(bodyError))) {
    const waitable =
      status === 429 && (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS);
    return new KeepaliveError(
      'rate-limit',
      `${database} is rate limiting requests (${detail}).`,
      waitable
        ? 'transient: the action waits and retries; if it persists, check the usage limits of the plan in the Upstash console.'
        : 'a plan limit was reached: check the usage of the database in the Upstash console; the keep-alive needs only a few commands a day.',
      { retryable: waitable, retryAfterMs, cause: undefined },
    );
  }
  if (status >= 500) {
    return new KeepaliveError(
      'server',
      `${database} answered with a server error (${detail}).`,
      'transient on the provider side: the action retries; if it persists, check the Upstash status page.',
      { retryable: true, retryAfterMs },
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
      'check input url points at an Upstash REST endpoint and that key-prefix is not used by other data.',
    );
  }
  return new KeepaliveError(
    'http',
    `${database} answered with an unexpected status (${detail}).`,
    status === 404 || status === 405
      ? 'input url must be the REST base URL (https://<name>.upstash.io) with no extra path.'
      : 'check input url is the REST URL of the database from the Upstash console.',
  );
}

export function unexpectedResponse(database: string, what: string): KeepaliveError {
  return new KeepaliveError(
    'protocol',
    `Unexpected response from ${database}: ${what}, not the JSON of Upstash's REST API.`,
    'input url must be the REST URL of the database (https://<name>.upstash.io); a proxy, captive portal or web page answered instead.',
  );
}

/** Wraps anything that is not a KeepaliveError (a bug or an unforeseen case) so it still reads well. */
export function asKeepaliveError(error: unknown): KeepaliveError {
  if (error instanceof KeepaliveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new KeepaliveError(
    'protocol',
    `Unexpected failure: ${message}`,
    'please report it with the log of this run at the action repository issues.',
    { cause: error },
  );
}

/** Replaces every secret in `text` by ***. */
export function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

/** Nothing secret is put into messages; still, scrub them once more before they leave. */
export function scrub<T extends KeepaliveError | undefined>(error: T, secrets: string[]): T {
  if (error) error.message = redact(error.message, secrets);
  return error;
}
