// Deno: the documented apps/deno/main.ts (Deno.serve + Deno.cron) started with `deno run`, its
// network allowed to 127.0.0.1 only, called over HTTP; its cron's callback run at once through
// cron-trigger.ts, since Deno.cron fires at its schedule only.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/fixtures.ts';
import { storedHistory } from '../support/history.ts';
import { freePort } from '../support/redis-server.ts';
import { APPS, bin } from './support/paths.ts';
import { count, ROUTE_PATH, routeChecks, routeEnv } from './support/route.ts';
import { run, startServer, type Server } from './support/servers.ts';

const stack = useStack();
const cwd = path.join(APPS, 'deno');
// --unstable-cron: Deno.cron outside Deno Deploy; the network: loopback only, listening included.
const deno = (file: string) => [
  'run',
  '--allow-net=127.0.0.1',
  '--allow-env',
  '--unstable-cron',
  file,
];
let server: Server | undefined;

async function denoEnv(): Promise<Record<string, string>> {
  // Deno.serve() without a port listens where DENO_SERVE_ADDRESS says.
  return { ...routeEnv(stack), DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${await freePort()}` };
}

beforeAll(async () => {
  const env = await denoEnv();
  const port = Number(env.DENO_SERVE_ADDRESS?.split(':').at(-1));
  server = await startServer(bin('deno'), deno('main.ts'), { cwd, env, port });
});
afterAll(async () => {
  await server?.stop();
});

describe('Deno: main.ts (Deno.serve)', () => {
  routeChecks(stack, () => `${server?.origin ?? ''}${ROUTE_PATH}`);
});

describe('Deno: main.ts (Deno.cron)', () => {
  it('registers one cron at 04:17 UTC whose callback runs keepAlive: count + 1', async () => {
    const out = await run(bin('deno'), deno('cron-trigger.ts'), { cwd, env: await denoEnv() });
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '') as unknown;
    expect(report).toEqual({
      crons: [{ name: 'upstash keep-alive', schedule: '17 4 * * *' }],
      errors: [],
    });
    expect(await count(stack)).toBe('1');
    expect((await storedHistory(stack.admin))[0]?.event).toBe('library');
  });

  it('a failed keep-alive throws in the callback, so Deno Deploy shows the cron failed', async () => {
    const out = await run(bin('deno'), deno('cron-trigger.ts'), {
      cwd,
      env: {
        ...(await denoEnv()),
        UPSTASH_REDIS_REST_TOKEN: 'AXwrongTokenForTheCron0123456789abcdef=',
      },
    });
    const report = JSON.parse(out.trim().split('\n').at(-1) ?? '') as { errors: string[] };
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).not.toContain('AXwrongTokenForTheCron');
    expect(await count(stack)).toBeUndefined();
  });
});
