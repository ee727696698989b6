// One transport per kind of URL, each shaped as @upstash/redis's `Requester`: the modes write
// their commands as arrays (src/modes/commands.ts), the transport sends each pipeline or
// transaction in one round trip, and counts them. Which transports a shell has is its choice
// (node.ts for the action and the command line, web.ts for the library and the route): the core
// is handed one opener and never imports a platform's HTTP itself.

import type { Requester } from '@upstash/redis';
import type { Connection } from '../connections/index.js';

type Transport = Requester & { requests: number };

/** What every transport shares: the requests it sent, counted for the report and the tests. */
export abstract class CountedRequester {
  requests = 0;
  readonly readYourWrites = false;
}

/** Opens the transport of one database, its every request bounded by `timeoutMs`. */
export type OpenTransport = (connection: Connection, timeoutMs: number) => Promise<Transport>;
