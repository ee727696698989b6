// What the upkeep's tests share: a real redis-server behind the REST front listening on every
// loopback address (127.0.0.2, 127.0.0.3… are as many databases), the loopback GitHub API reached
// through the real @actions/github client, a webhook receiver, and scheduled runs' event payloads.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { eventPayload } from '../support/action.ts';
import {
  startFakeGitHub,
  startWebhookReceiver,
  type FakeGitHub,
  type WebhookReceiver,
} from '../support/github-api.ts';
import { adminConnection, startRedis, type RedisServer } from '../support/redis-server.ts';
import type { RespConnection } from '../support/resp.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
const WORKFLOW_REF = 'octo-org/keepalive-demo/.github/workflows/keepalive.yml@refs/heads/main';
const WRONG_TOKEN = 'AXwrongTokenForTheAlerts0123456789=';

export interface World {
  redis: RedisServer;
  front: RestFront;
  admin: RespConnection;
  github: FakeGitHub;
  hook: WebhookReceiver;
  dir: string;
}

export const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Starts everything once for the file; GitHub, the webhook and the database are reset after each test. */
export function useWorld(): World {
  const world = {} as World;
  beforeAll(async () => {
    world.redis = await startRedis();
    world.front = await startRestFront(world.redis, { everyLoopbackAddress: true });
    world.admin = await adminConnection(world.redis);
    world.github = await startFakeGitHub();
    world.hook = await startWebhookReceiver();
    world.dir = mkdtempSync(path.join(tmpdir(), 'keepalive-upkeep-'));
  });
  afterEach(async () => {
    const { github, hook } = world;
    github.requests.length = 0;
    github.issues.length = 0;
    github.runs.length = 0;
    github.deny.clear();
    github.hang.clear();
    github.private = false;
    github.failIssuesPage = undefined;
    hook.messages.length = 0;
    await world.admin.call('FLUSHALL');
  });
  afterAll(async () => {
    world.admin.close();
    await Promise.all([world.front.close(), world.github.close(), world.hook.close()]);
    await world.redis.stop();
    rmSync(world.dir, { recursive: true, force: true });
  });
  return world;
}

let events = 0;

/** A file as GITHUB_EVENT_PATH holding `content`. */
export function eventFile(world: World, content: string | Buffer): Record<string, string> {
  const file = path.join(world.dir, `event-${++events}.json`);
  writeFileSync(file, content);
  return { GITHUB_EVENT_PATH: file };
}

/** A schedule event's payload, last pushed `days` ago. */
export function payload(world: World, days: number): Record<string, string> {
  return eventFile(world, JSON.stringify(eventPayload(new Date(Date.now() - days * DAY_MS))));
}

/** A scheduled run's environment, against the loopback GitHub. */
export function scheduled(
  world: World,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_WORKFLOW_REF: WORKFLOW_REF,
    GITHUB_API_URL: world.github.url,
    ...extra,
  };
}

/** Database `i` (0-based): its own loopback address, 127.0.x.y from 127.0.0.2 on. */
export function databaseUrl(world: World, i: number): string {
  const port = new URL(world.front.url).port;
  return `http://127.0.${Math.floor((i + 2) / 256)}.${(i + 2) % 256}:${port}`;
}

/** The databases JSON for `n` databases; those `failing` says are given a refused token. */
export function databases(world: World, n: number, failing: (i: number) => boolean): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      url: databaseUrl(world, i),
      token: failing(i) ? WRONG_TOKEN : world.front.tokens.full,
    })),
  );
}

/** How many schedule warnings the webhook received. */
export function warningsSent(world: World): number {
  return world.hook.messages.filter((m) => m.event === 'schedule-warning').length;
}

/** The ::warning:: lines a run printed. */
export function warningLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::warning::'));
}
