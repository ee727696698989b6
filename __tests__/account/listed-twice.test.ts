// The account's list naming one endpoint twice (an attack pass found it maintained twice).

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { accountInputs, onLoopback, useAccount } from '../support/account.ts';
import { text } from '../support/resp.ts';

const world = useAccount();

describe('a list that names one database twice', () => {
  it('keeps it alive once a run: one write, one count', async () => {
    // select.ts dedupes the account's databases against url/token only, not among themselves:
    // two entries with one endpoint (a hostile or broken answer) are maintained twice in one run,
    // where `url` refuses the same database twice ("entries 1 and 2 name the same database").
    world.api.databases = [
      onLoopback(world, 1),
      onLoopback(world, 1, { database_id: 'dup-id', database_name: 'db-dup' }),
    ];
    const run = await runInProcess({ ...accountInputs(world.api) });
    expect(run.exitCode).toBe(0);
    expect(text(await world.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
    expect(world.front.requests).toHaveLength(1);
  });
});
