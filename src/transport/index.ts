// One transport per kind of URL, each shaped as @upstash/redis's `Requester`: the modes write
// their commands as arrays (src/modes/commands.ts), the transport sends each pipeline or
// transaction in one round trip, and counts them.

import type { Requester } from '@upstash/redis';
import type { Connection } from '../connections/index.js';
import { RestTransport } from './rest.js';

export type Transport = Requester & { requests: number };

export async function openTransport(connection: Connection, timeoutMs: number): Promise<Transport> {
  if (connection.kind === 'rest') return new RestTransport({ ...connection, timeoutMs });
  // Loaded on demand: a REST run never loads ioredis.
  const { TcpTransport } = await import('./tcp.js');
  return new TcpTransport(connection, timeoutMs);
}
