// What ioredis reports, mapped onto the action's failure kinds, with what the socket showed: its
// own error (ioredis often says only "Connection is closed"), the first bytes the server sent (an
// HTTP port, a protected-mode refusal), whether the TLS handshake was reached, the bytes read.

import type { Redis as IORedis } from 'ioredis';
import type { Socket } from 'node:net';
import type { TcpConnection } from '../connections/index.js';
import { KeepaliveError, ReplyTooLarge } from '../errors.js';
import { commandFailure, passwordRejected, permissionDenied, protectedMode } from '../failures.js';
import { CAPS, outside } from '../safe-text.js';
import { errorCode, timedOut, transportFailure } from './network.js';

/** What the socket showed, to tell apart failures that ioredis reports alike. */
export interface Seen {
  /** The connection (and the TLS handshake, for rediss://) was made. */
  connected: boolean;
  /** The first bytes the server sent. */
  first: string;
  bytes: number;
  tooLarge: boolean;
  socketError: unknown;
  /** Whether the TCP connection is up (TLS handshake aside). */
  tcpUp: () => boolean;
}

export function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

/** Keeps what the socket shows, and cuts a reply that grows past CAPS.replyBytes. */
export function watch(client: IORedis): Seen {
  const seen: Seen = {
    connected: false,
    first: '',
    bytes: 0,
    tooLarge: false,
    socketError: undefined,
    tcpUp: () => {
      const stream = (client as unknown as { stream?: Socket }).stream;
      return stream !== undefined && !stream.connecting && !stream.destroyed;
    },
  };
  // ioredis reports the socket's own error (ECONNREFUSED, ENOTFOUND, TLS…) as an event, and
  // rejects the pending promise with a generic "Connection is closed": keep the real cause.
  client.on('error', (error) => {
    seen.socketError ??= error;
  });
  // Emitted once connected (after the TLS handshake, for rediss://), before any byte is read.
  client.once('connect', () => {
    seen.connected = true;
    const stream = (client as unknown as { stream?: Socket }).stream;
    stream?.on('data', (chunk: Buffer) => {
      if (seen.first.length < 64) seen.first += chunk.subarray(0, 64).toString('latin1');
      seen.bytes += chunk.length;
      if (seen.bytes > CAPS.replyBytes && !seen.tooLarge) {
        seen.tooLarge = true;
        stream.destroy(); // disconnect() would only end our side and keep reading
      }
    });
  });
  return seen;
}

/** Maps what ioredis throws onto the action's failure classes. */
export function classify(
  thrown: unknown,
  seen: Seen,
  connection: TcpConnection,
  timeoutMs: number,
): KeepaliveError {
  if (thrown instanceof KeepaliveError) return thrown;
  const { database } = connection;
  const closedEarly =
    thrown instanceof Error &&
    /Connection is closed|Command aborted due to connection close/i.test(thrown.message);
  // The socket's own error, when there is one, says why the connection closed.
  const error = closedEarly && seen.socketError ? seen.socketError : thrown;
  const closed = closedEarly && error === thrown;
  const message = error instanceof Error ? error.message : String(error);
  const known = byWhatTheServerSent(seen, connection, message);
  if (known) return known;
  if (/^(WRONGPASS|NOAUTH)\b/.test(message) || /invalid (username-)?password/i.test(message)) {
    return passwordRejected(message);
  }
  if (/\bNOPERM\b/.test(message)) return permissionDenied(message, connection);
  // A transaction discarded while queuing: ioredis keeps the reason in previousErrors.
  const previous = (error as { previousErrors?: Error[] }).previousErrors?.[0]?.message;
  if (previous !== undefined) {
    return commandFailure(previous, 'The transaction', undefined, connection);
  }
  const timeout =
    message === 'deadline' ||
    /Command timed out/i.test(message) ||
    errorCode(error) === 'ETIMEDOUT';
  if (timeout) return stalled(seen, connection, timeoutMs) ?? timedOut(database, timeoutMs, error);
  if (closed || /Stream isn't writeable/i.test(message)) {
    return new KeepaliveError(
      'network',
      `The connection to ${database} closed before the answer arrived.`,
      `usually transient; if it persists, check the server accepts connections from the runner${connection.tls ? '' : ' (a TLS port needs rediss://)'}.`,
      { retryable: true, cause: error },
    );
  }
  return transportFailure(error, database, timeoutMs, true);
}

/** Failures that the server's first bytes, or the TLS layer, explain better than ioredis. */
function byWhatTheServerSent(
  seen: Seen,
  connection: TcpConnection,
  message: string,
): KeepaliveError | undefined {
  const { database } = connection;
  if (seen.tooLarge) {
    return new ReplyTooLarge(
      'protocol',
      `The answer of ${database} is larger than ${CAPS.replyBytes / 1024 / 1024} MiB: not a reply of the keep-alive's commands; the connection was cut.`,
      'check the URL names the database, and that nothing else stores huge values under the key prefix.',
    );
  }
  if (seen.first.startsWith('-DENIED')) {
    return protectedMode(seen.first.slice(1).split('\r')[0] ?? '', database);
  }
  if (seen.first.startsWith('HTTP/') || /Unknown RESP type 72\b/.test(message)) {
    return new KeepaliveError(
      'input',
      `${database} speaks HTTP, not the Redis protocol: this port serves web requests.`,
      'for Upstash over HTTP use the REST URL (https://<name>.upstash.io) with the REST token; a redis:// URL needs the TCP port (6379 on Upstash).',
    );
  }
  if (seen.first !== '' && !'+-:$*'.includes(seen.first.charAt(0))) {
    return new KeepaliveError(
      'protocol',
      `${database} answered with something that is not the Redis protocol (RESP 2), beginning ${outside(seen.first.slice(0, 16), 40)}.`,
      'check the host and port are those of a Redis server (Upstash: the TCP port, 6379).',
    );
  }
  if (/Maximum call stack size exceeded/.test(message)) {
    return new KeepaliveError(
      'protocol',
      `${database} answered with a reply nested too deeply to be a reply of the keep-alive's commands.`,
      'check the host and port are those of the database.',
    );
  }
  const code = errorCode(seen.socketError) ?? '';
  const plainPort =
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number|packet length too long/i.test(message);
  if (connection.tls && plainPort) {
    return new KeepaliveError(
      'tls',
      `TLS handshake with ${database} failed: that port does not speak TLS (${outside(code || message, 120)}).`,
      'use rediss:// only for a TLS port (Upstash: 6379, TLS on); for a plain port use redis://.',
    );
  }
  return undefined;
}

/** The deadline met after connecting over TCP but before the TLS handshake finished. */
function stalled(
  seen: Seen,
  connection: TcpConnection,
  timeoutMs: number,
): KeepaliveError | undefined {
  if (!connection.tls || seen.connected || !seen.tcpUp()) return undefined;
  return new KeepaliveError(
    'tls',
    `Connected to ${connection.database}, but the TLS handshake did not complete within ${timeoutMs / 1000} s: that port does not seem to speak TLS.`,
    'use rediss:// only for a TLS port (Upstash: 6379, TLS on); for a plain port use redis://.',
    { retryable: false },
  );
}
