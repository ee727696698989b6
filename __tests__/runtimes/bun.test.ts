// Bun: the documented apps/bun/server.ts (Bun.serve with a route) started as `bun run server.ts`,
// called over HTTP.

import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { useStack } from '../support/fixtures.ts';
import { freePort } from '../support/redis-server.ts';
import { APPS, bin } from './support/paths.ts';
import { ROUTE_PATH, routeChecks, routeEnv } from './support/route.ts';
import { startServer, type Server } from './support/servers.ts';

const stack = useStack();
let server: Server | undefined;

beforeAll(async () => {
  const port = await freePort();
  server = await startServer(bin('bun'), ['run', 'server.ts'], {
    cwd: path.join(APPS, 'bun'),
    env: { ...routeEnv(stack), PORT: String(port) },
    port,
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('Bun: server.ts (Bun.serve)', () => {
  routeChecks(stack, () => `${server?.origin ?? ''}${ROUTE_PATH}`);
});
