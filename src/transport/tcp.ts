// The TCP transport (redis:// and rediss://), loaded only when such a URL is used so REST runs
// never pay for ioredis. Like the REST transport it has the shape of @upstash/redis's `Requester`:
// it is handed a pipeline or transaction of command arrays and sends it in one round trip.
//
// ioredis is configured to do nothing on its own: no reconnect loop, no offline queue, no
// ready-check round trip, no retries. Each request connects, sends, and disconnects, all under
// one deadline of timeout-seconds, so the process exits as soon as the run is over.

import type { Requester, UpstashRequest, UpstashResponse } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { isIP } from 'node:net';
import type { TcpConnection } from '../connections/index.js';
import { KeepaliveError } from '../errors.js';
import { outside } from '../safe-text.js';
import { classify, isReplyError, watch } from './tcp-errors.js';
import { CountedRequester } from './index.js';

type Entry = { result?: unknown; error?: string };
type Args = (string | number)[];

/** Its requests are the round trips sent after connecting. */
export class TcpTransport extends CountedRequester implements Requester {
  private readonly connection: TcpConnection;
  private readonly timeoutMs: number;

  constructor(connection: TcpConnection, timeoutMs: number) {
    super();
    [this.connection, this.timeoutMs] = [connection, timeoutMs];
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    const client = this.client();
    const seen = watch(client);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error('deadline'));
      }, this.timeoutMs);
    });
    try {
      return (await Promise.race([
        this.exchange(client, req),
        deadline,
      ])) as UpstashResponse<TResult>;
    } catch (error) {
      throw classify(error, seen, this.connection, this.timeoutMs);
    } finally {
      clearTimeout(timer);
      client.disconnect();
    }
  }

  private client(): IORedis {
    const c = this.connection;
    return new IORedis({
      host: c.host,
      port: c.port,
      username: c.username,
      password: c.password,
      // No `db`: ioredis would SELECT on its own and, when that fails, go on in database 0.
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
  }

  private async exchange(client: IORedis, req: UpstashRequest): Promise<Entry | Entry[]> {
    await client.connect();
    this.requests += 1;
    await this.select(client);
    const path = req.path?.[0];
    if (path === 'pipeline' || path === 'multi-exec') {
      const commands = req.body as Args[];
      const batch = path === 'pipeline' ? client.pipeline() : client.multi();
      for (const [name, ...args] of commands) batch.call(String(name), ...args);
      const results = (await batch.exec()) ?? [];
      // A Redis error belongs to its command; any other (the connection closed) to the request,
      // unless Redis refused a command first: its reason is the one to tell.
      const refused = results.some(([error]) => isReplyError(error));
      const lost = results.find(([error]) => error && !isReplyError(error))?.[0];
      if (lost && !refused) throw lost;
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

  /** Database 0 needs nothing; another must be selected, or the run fails naming it. */
  private async select(client: IORedis): Promise<void> {
    const { db, database } = this.connection;
    if (db === 0) return;
    try {
      await client.select(db);
    } catch (error) {
      if (!isReplyError(error)) throw error;
      throw new KeepaliveError(
        'command',
        `${database}: database ${db} cannot be selected (${outside(error.message)}); nothing was sent to it.`,
        'use a database number the server has (the URL path /N; Upstash has only database 0) and a user allowed to SELECT it.',
      );
    }
  }
}
