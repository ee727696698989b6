// One transport per kind of URL, each an @upstash/redis `Requester`: the modes build commands
// with the SDK, the transport sends each pipeline or transaction in one round trip.

import type { Requester } from '@upstash/redis';
import type { Connection } from './connection.js';
import { KeepaliveRedis, RestTransport } from './rest.js';

export interface Backend {
  redis: KeepaliveRedis;
  transport: Requester & { requests: number };
}

export async function openBackend(connection: Connection, timeoutMs: number): Promise<Backend> {
  let transport: Requester & { requests: number };
  if (connection.kind === 'rest') {
    transport = new RestTransport({ ...connection, timeoutMs });
  } else {
    // Loaded on demand: a REST run never loads ioredis.
    const { TcpTransport } = await import('./tcp.js');
    transport = new TcpTransport(connection, timeoutMs);
  }
  return { redis: new KeepaliveRedis(transport), transport };
}
