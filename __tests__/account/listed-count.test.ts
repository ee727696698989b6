// Regression test from an attack pass: what follows describes the defect as it was found.
// An account list naming one endpoint twice (a hostile or broken answer) is kept alive once, and
// a warning says so; but the account's line still counts the repeated entry as selected: "3 Redis
// databases listed; 3 selected for this run" above a table of 2 databases ("Mode: maintenance; 2
// databases"). select.ts passes kept.length - twice to describeSelection, the repeated entries in.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { accountInputs, onLoopback, useAccount } from '../support/account.ts';

const world = useAccount();

describe('an account list that names one endpoint twice', () => {
  it('counts the databases selected as the run keeps them: 2, not 3', async () => {
    world.api.databases = [
      onLoopback(world, 1),
      onLoopback(world, 1, { database_id: 'dup-id', database_name: 'db-dup' }),
      onLoopback(world, 2),
    ];
    const run = await runInProcess({ ...accountInputs(world.api) });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.results ?? '[]')).toHaveLength(2);
    expect(run.summary).toMatch(/Mode: maintenance; 2 databases, 2 ok, 0 failed\./);
    expect(run.summary).toMatch(/3 Redis databases listed; 2 selected for this run/);
  });
});
