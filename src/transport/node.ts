// The transports of the action and the command line, on Node: REST over node:http, whose
// native parser starts faster than fetch in a fresh process (docs/performance.md), and TCP
// (redis://, rediss://) over ioredis, loaded on demand: a REST run never loads it.

import { post } from './http.js';
import type { OpenTransport } from './index.js';
import { RestTransport } from './rest.js';

export const openNodeTransport: OpenTransport = async (connection, timeoutMs) => {
  if (connection.kind === 'rest') return new RestTransport({ ...connection, timeoutMs }, post);
  const { TcpTransport } = await import('./tcp.js');
  return new TcpTransport(connection, timeoutMs);
};
