// A schedule forwards the token it is given: only a token that has just written (a maintenance
// that succeeded) is installed. The read-only token, refused by the maintenance, is not.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { startFakeQStash, type FakeQStash } from '../support/qstash.ts';

const stack = useStack();
let qstash: FakeQStash;
beforeAll(async () => {
  qstash = await startFakeQStash();
});
afterAll(async () => {
  await qstash.close();
});

it('a maintenance refused for the read-only token installs no schedule', async () => {
  qstash.schedules.clear();
  const run = await runInProcess({
    url: stack.front.url,
    token: stack.front.tokens.readOnly,
    'qstash-token': qstash.token,
    'qstash-url': qstash.url,
  });
  expect(run.exitCode).toBe(1);
  expect(run.outputs.error).toMatch(/read-only/);
  expect(qstash.schedules.size).toBe(0);
  expect(run.outputs.backstop).toBe('off');
  expect(leaks(run.everything, stack.front.tokens.readOnly)).toEqual([]);
});
