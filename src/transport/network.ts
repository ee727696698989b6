// Failures of the network itself, for both transports: no answer in time, refused, unknown host,
// a certificate or handshake, a connection reset. Only those another attempt can fix are retryable.

import { KeepaliveError } from '../errors.js';
import { outside } from '../safe-text.js';
import { setting } from '../wording.js';

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
function isTlsCode(code: string): boolean {
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
