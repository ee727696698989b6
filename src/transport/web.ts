// The transport of the library and the route: REST over the platform's fetch, on every runtime
// Upstash serves. TCP needs sockets these runtimes may not have: the library refuses a redis://
// URL when it reads its options (library/options.ts), before anything is sent.

import { KeepaliveError } from '../errors.js';
import { fetchPost } from './fetch.js';
import type { OpenTransport } from './index.js';
import { RestTransport } from './rest.js';

export const openWebTransport: OpenTransport = (connection, timeoutMs) => {
  if (connection.kind !== 'rest') {
    throw new KeepaliveError(
      'input',
      `${connection.database} is a redis:// URL: the library and the route speak REST only.`,
      'give the REST URL of the database (https://<name>.upstash.io) and its REST token.',
    );
  }
  return Promise.resolve(new RestTransport({ ...connection, timeoutMs }, fetchPost));
};
