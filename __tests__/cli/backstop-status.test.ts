// `backstop status` only looks, and `backstop install` forwards only a token that can write:
// not "outdated" (installing it again with that token would forward a token that cannot write).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand } from '../support/command.ts';
import { useStack } from '../support/fixtures.ts';
import { startFakeQStash, type FakeQStash } from '../support/qstash.ts';

const stack = useStack();
let qstash: FakeQStash;
beforeAll(async () => {
  qstash = await startFakeQStash();
});
afterAll(async () => {
  await qstash.close();
});

it('with the read-only token, a schedule made with the full token is active', async () => {
  const env = (token: string) => ({
    UPSTASH_REDIS_REST_URL: stack.front.url,
    UPSTASH_REDIS_REST_TOKEN: token,
    QSTASH_TOKEN: qstash.token,
    QSTASH_URL: qstash.url,
  });
  expect((await runCommand(['backstop', 'install'], env(stack.front.tokens.full))).code).toBe(0);
  const text = await runCommand(['backstop', 'status'], env(stack.front.tokens.readOnly));
  expect(text.code).toBe(0);
  expect(text.all).toMatch(/backstop active/);
  expect(text.all).not.toMatch(/outdated|run backstop install/);
  const json = await runCommand(['backstop', 'status', '--json'], env(stack.front.tokens.readOnly));
  expect(JSON.parse(json.all)).toMatchObject({ ok: true, databases: [{ exists: true }] });
  // Another time than the schedule's is still said, with what to run.
  const other = await runCommand(['backstop', 'status', '--backstop-cron', '5 4 * * *'], {
    ...env(stack.front.tokens.readOnly),
  });
  expect(other.code).toBe(1);
  expect(other.all).toMatch(/outdated: .*backstop install/);
});

it('backstop install refuses the read-only token before making anything', async () => {
  qstash.schedules.clear();
  const run = await runCommand(['backstop', 'install'], {
    UPSTASH_REDIS_REST_URL: stack.front.url,
    UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.readOnly,
    QSTASH_TOKEN: qstash.token,
    QSTASH_URL: qstash.url,
  });
  expect(run.code).toBe(1);
  expect(run.all).toMatch(/cannot run the backstop's script .*full-access REST token/);
  expect(qstash.schedules.size).toBe(0);
  expect(run.all).not.toContain(stack.front.tokens.readOnly);
});
