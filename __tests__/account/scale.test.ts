// 1,000 databases found through the Developer API and maintained in one step, each with its own
// token, none of them passing through an environment variable: only the key and the e-mail are
// inputs. (Its time and memory, measured on the built action: `npm run bench`.)

import { beforeAll, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { accountInputs, onLoopback, useAccount } from '../support/account.ts';
import { leaks } from '../support/fixtures.ts';

const world = useAccount();
beforeAll(() => {
  world.api.databases = Array.from({ length: 1000 }, (_, i) => onLoopback(world, i));
});

it('1,000 databases of the account maintained in one step, each with its own token', async () => {
  const inputs = accountInputs(world.api);
  const run = await runInProcess(inputs);
  expect(run.exitCode).toBe(0);
  const results = JSON.parse(run.outputs.results ?? '[]') as { ok: boolean }[];
  expect(results.filter((r) => r.ok)).toHaveLength(1000);
  const writes = world.front.requests.filter((q) => q.path === '/multi-exec');
  expect(new Set(writes.map((q) => q.headers.authorization)).size).toBe(1000);
  expect(String(await world.admin.call('GET', 'upstash-keepalive:count'))).toBe('1000');
  // Only the account's credentials came in as inputs: no database passed through the environment.
  const given = Object.values(inputs).join('\n');
  expect(world.api.databases.some((d) => given.includes(d.endpoint))).toBe(false);
  expect(given).not.toMatch(/AccountToken/);
  const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  expect(log.length).toBeLessThan(50);
  expect(run.summary).toContain('… and 900 more, all ok');
  expect(JSON.parse(run.outputs['upstash-commands-7d'] ?? '[]')).toHaveLength(100);
  for (const d of world.api.databases.slice(0, 50)) {
    expect(leaks(run.everything, String(d.rest_token))).toEqual([]);
  }
}, 60_000);
