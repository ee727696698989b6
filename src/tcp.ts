// The TCP transport (redis:// and rediss://), loaded only when such a URL is used so REST runs
// never pay for ioredis. Like the REST transport it plugs into @upstash/redis as a `Requester`:
// the SDK builds the pipeline or transaction, and this class sends it in one round trip.
//
// ioredis is configured to do nothing on its own: no reconnect loop, no offline queue, no
// ready-check round trip, no retries. Each request connects, sends, and disconnects, all under
// one deadline of timeout-seconds, so the process exits as soon as the run is over.

import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { isIP } from 'node:net';
import type { TcpConnection } from './connection.js';
import {
  KeepaliveError,
  passwordRejected,
  readOnlyToken,
  timedOut,
  transportFailure,
} from './errors.js';

type Entry = { result?: unknown; error?: string };
type Args = (string | number)[];

export class TcpTransport implements Requester {
  /** Round trips sent after connecting, counted for the tests. */
  requests = 0;
  readonly readYourWrites = false;
  private readonly connection: TcpConnection;
  private readonly timeoutMs: number;

  constructor(connection: TcpConnection, timeoutMs: number) {
    this.connection = connection;
    this.timeoutMs = timeoutMs;
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    const { database } = this.connection;
    const client = this.client();
    // ioredis reports the socket's own error (ECONNREFUSED, ENOTFOUND, TLS…) as an event, and
    // rejects the pending promise with a generic "Connection is closed": keep the real cause.
    let socketError: unknown;
    client.on('error', (error) => {
      socketError ??= error;
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(timedOut(database, this.timeoutMs, undefined));
      }, this.timeoutMs);
    });
    try {
      return (await Promise.race([
        this.exchange(client, req),
        deadline,
      ])) as UpstashResponse<TResult>;
    } catch (error) {
      const closed = error instanceof Error && /Connection is closed/i.test(error.message);
      throw classify(closed && socketError ? socketError : error, database, this.timeoutMs);
    } finally {
      clearTimeout(timer);
      client.disconnect();
    }
  }

  private client(): IORedis {
    const c = this.connection;
    const client = new IORedis({
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password,
      db: c.db,
      // Certificates are verified against Node's CAs, which include NODE_EXTRA_CA_CERTS.
      // SNI carries host names only: none for an IP address (RFC 6066).
      tls: c.tls ? (isIP(c.host) ? {} : { servername: c.host }) : undefined,
      protocol: 2,
      lazyConnect: true,
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
      enableReadyCheck: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: () => false,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      disableClientInfo: true,
      // After a failure the socket may never report "close": destroy it quickly rather than
      // keep the process alive for ioredis's default 2 s.
      disconnectTimeout: 100,
    });
    return client;
  }

  private async exchange(client: IORedis, req: UpstashRequest): Promise<Entry | Entry[]> {
    await client.connect();
    this.requests += 1;
    const path = req.path?.[0];
    if (path === 'pipeline' || path === 'multi-exec') {
      const commands = req.body as Args[];
      const batch = path === 'pipeline' ? client.pipeline() : client.multi();
      for (const [name, ...args] of commands) batch.call(String(name), ...args);
      const results = (await batch.exec()) ?? [];
      return results.map(([error, result]) => (error ? { error: error.message } : { result }));
    }
    const [name, ...args] = req.body as Args;
    try {
      return { result: await client.call(String(name), ...args) };
    } catch (error) {
      if (isReplyError(error)) return { error: error.message };
      throw error;
    }
  }
}

function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'ReplyError';
}

/** Maps what ioredis throws onto the action's failure classes. */
function classify(error: unknown, database: string, timeoutMs: number): KeepaliveError {
  if (error instanceof KeepaliveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (
    /^(WRONGPASS|NOAUTH)\b/.test(message) ||
    /invalid password|invalid username-password/i.test(message)
  ) {
    return passwordRejected(message);
  }
  if (/\bNOPERM\b/.test(message)) return readOnlyToken(message);
  // A transaction discarded while queuing: ioredis keeps the reason in previousErrors.
  const previous = (error as { previousErrors?: Error[] }).previousErrors?.[0]?.message;
  if (previous !== undefined) {
    if (/\bNOPERM\b/.test(previous)) return readOnlyToken(previous);
    return new KeepaliveError(
      'command',
      `The database refused the transaction: ${previous}.`,
      'the server must be Redis 6.2 or later (or compatible) and allow Lua scripts (EVAL).',
    );
  }
  if (/Command timed out/i.test(message)) return timedOut(database, timeoutMs, error);
  if (/Connection is closed|Stream isn't writeable/i.test(message)) {
    return new KeepaliveError(
      'network',
      `The connection to ${database} closed before the answer arrived.`,
      'usually transient; if it persists, check the server accepts connections from the runner (TLS: use rediss:// for a TLS port).',
      { retryable: true, cause: error },
    );
  }
  return transportFailure(error, database, timeoutMs);
}
