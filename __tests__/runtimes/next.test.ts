// Next.js 16: the documented routes of apps/next built by `next build` (which type-checks them,
// strict) and served by `next start`, called over HTTP; the route called as Vercel Cron calls the
// path of vercel.json: GET, user agent vercel-cron/1.0, Authorization: Bearer $CRON_SECRET.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStack } from '../support/fixtures.ts';
import { freePort } from '../support/redis-server.ts';
import { APPS, MODULES } from './support/paths.ts';
import { bearer, call, count, ROUTE_PATH, routeChecks, routeEnv } from './support/route.ts';
import { run, startServer, type Server } from './support/servers.ts';

const stack = useStack();
const cwd = path.join(APPS, 'next');
const next = path.join(MODULES, 'next/dist/bin/next');
/** What `next build` writes on its first run, committed: it must leave them as they are. */
const generated = ['tsconfig.json', 'next-env.d.ts'];
const read = (file: string) => readFileSync(path.join(cwd, file), 'utf8');
let before: string[] = [];
let build = '';
let server: Server | undefined;

beforeAll(async () => {
  before = generated.map(read);
  const started = Date.now();
  build = await run(process.execPath, [next, 'build'], { cwd, timeoutMs: 600_000 });
  console.log(`next build: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const port = await freePort();
  server = await startServer(
    process.execPath,
    [next, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    { cwd, env: routeEnv(stack, 'CRON_SECRET'), port },
  );
}, 600_000);
afterAll(async () => {
  await server?.stop();
});

describe('Next.js: the build', () => {
  it('type-checked the routes and left tsconfig.json and next-env.d.ts as committed', () => {
    expect(build).toMatch(/Finished TypeScript/);
    expect(JSON.parse(read('tsconfig.json'))).toMatchObject({ compilerOptions: { strict: true } });
    expect(generated.map(read)).toEqual(before);
  });
});

describe('Next.js: app/api/maintenance/upstash/route.ts (next start)', () => {
  // Next answers other methods itself: 405, without the handler's Allow header.
  routeChecks(stack, () => `${server?.origin ?? ''}${ROUTE_PATH}`, { ownMethodNotAllowed: true });
});

describe('Next.js: Vercel Cron', () => {
  const crons = () =>
    (JSON.parse(read('vercel.json')) as { crons: { path: string; schedule: string }[] }).crons;

  it('vercel.json calls the route once a day', () => {
    expect(crons()).toEqual([{ path: ROUTE_PATH, schedule: '17 4 * * *' }]);
  });

  it('GET with Bearer $CRON_SECRET from vercel-cron/1.0, as Vercel calls it, runs the maintenance', async () => {
    const url = `${server?.origin ?? ''}${crons()[0]?.path ?? ''}`;
    const vercel = { 'User-Agent': 'vercel-cron/1.0' };
    expect((await call(url, 'GET', vercel)).status).toBe(401);
    expect(stack.front.requests).toEqual([]);
    const { status, body } = await call(url, 'GET', { ...vercel, ...bearer() });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ ok: true, mode: 'maintenance' });
    expect(await count(stack)).toBe('1');
    // Any other GET reads.
    const read = await call(url, 'GET', bearer());
    expect(read.body).toMatchObject({ ok: true, mode: 'status' });
    expect(await count(stack)).toBe('1');
  });
});
