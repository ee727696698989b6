// Cloudflare Workers: the documented apps/worker (src/index.ts and its wrangler.toml) in workerd
// through Miniflare, WITHOUT nodejs_compat (no process, no node: modules), bundled as wrangler
// bundles it; its fetch() called over HTTP, its scheduled() run by Miniflare's Cron Trigger
// endpoint with the cron of wrangler.toml.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/fixtures.ts';
import { storedHistory } from '../support/history.ts';
import { freePort } from '../support/redis-server.ts';
import { APPS, RUNTIMES } from './support/paths.ts';
import { count, ROUTE_PATH, routeChecks, routeEnv } from './support/route.ts';
import { startServer, type Server } from './support/servers.ts';

const stack = useStack();
const folder = path.join(APPS, 'worker');
const toml = readFileSync(path.join(folder, 'wrangler.toml'), 'utf8');
let server: Server | undefined;

beforeAll(async () => {
  const port = await freePort();
  const runner = path.join(RUNTIMES, 'support/miniflare.mjs');
  server = await startServer(process.execPath, [runner, folder, String(port)], {
    cwd: RUNTIMES,
    env: { WORKER_BINDINGS: JSON.stringify(routeEnv(stack)) },
    port,
  });
});
afterAll(async () => {
  await server?.stop();
});

/** Runs scheduled() as the Cron Trigger of wrangler.toml does. */
async function trigger(): Promise<number> {
  const cron = /^crons\s*=\s*\["([^"]+)"\]/m.exec(toml)?.[1];
  expect(cron).toBe('17 4 * * *');
  const url = `${server?.origin ?? ''}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron ?? '')}`;
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

describe('Workers: fetch() in workerd', () => {
  it('wrangler.toml turns on no Node.js compatibility', () => {
    expect(toml).not.toMatch(/compatibility_flags|nodejs/);
  });

  routeChecks(stack, () => `${server?.origin ?? ''}${ROUTE_PATH}`);
});

describe('Workers: scheduled() in workerd', () => {
  it('the Cron Trigger runs keepAlive({ env }): count + 1, a history entry', async () => {
    expect(await trigger()).toBe(200);
    expect(await count(stack)).toBe('1');
    expect((await storedHistory(stack.admin))[0]?.event).toBe('library');
  });

  it('a keep-alive that failed fails the scheduled event (shown as an error in its logs)', async () => {
    stack.front.intercept = (_request, response) => {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end('{"error":"Unauthorized"}');
      return true;
    };
    expect(await trigger()).toBe(500);
    expect(await count(stack)).toBeUndefined();
  });
});
