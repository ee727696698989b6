// Node: the documented node:http server (apps/node/server.ts, with its Web Request/Response
// adapter) started as `node server.ts`, called over HTTP; and the library's documented Node
// programs: once.ts run to its end, cron.ts's croner job triggered.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/fixtures.ts';
import { storedHistory } from '../support/history.ts';
import { freePort } from '../support/redis-server.ts';
import { APPS } from './support/paths.ts';
import { count, ROUTE_PATH, routeChecks, routeEnv } from './support/route.ts';
import { run, startServer, type Server } from './support/servers.ts';

const stack = useStack();
const cwd = path.join(APPS, 'node');
let server: Server | undefined;

beforeAll(async () => {
  const port = await freePort();
  const env = { ...routeEnv(stack), PORT: String(port) };
  server = await startServer(process.execPath, ['server.ts'], { cwd, env, port });
});
afterAll(async () => {
  await server?.stop();
});

describe('Node: server.ts (node:http and the adapter)', () => {
  routeChecks(stack, () => `${server?.origin ?? ''}${ROUTE_PATH}`);
});

describe('Node: the library', () => {
  const env = () => routeEnv(stack);

  it('once.ts: keepAlive() with no options reads UPSTASH_REDIS_REST_*, maintains, exits 0', async () => {
    const out = await run(process.execPath, ['once.ts'], { cwd, env: env() });
    expect(out).toContain(': maintenance count 1');
    expect(await count(stack)).toBe('1');
    expect((await storedHistory(stack.admin))[0]?.event).toBe('library');
  });

  it('cron.ts: the croner job is due at 04:17 UTC; triggered, it maintains', async () => {
    const script = [
      "const { keepalive } = await import('./cron.ts');",
      'console.log(`next run ${keepalive.nextRun()?.toISOString()}`);',
      'await keepalive.trigger();',
      'keepalive.stop();',
    ].join('\n');
    const out = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      env: env(),
    });
    expect(out).toMatch(/next run \d{4}-\d\d-\d\dT04:17:00\.000Z/);
    expect(out).toContain(': kept alive');
    expect(await count(stack)).toBe('1');
  });
});
