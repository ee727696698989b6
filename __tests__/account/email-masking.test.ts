// Regression test from an attack pass: what follows describes the defect as it was found.
// The account's e-mail is remembered as a secret (action.ts: ACCOUNT_SECRETS), and redact()
// removes any 12-character fragment of a secret: a rule made for random tokens ("twelve
// characters of a random token do not occur in ordinary text by chance"). An e-mail is not
// random: its domain is the company's name, which is also in its databases' names, its
// repository, its hosts. With the e-mail ops@northwind-traders.example, the account's database
// 'northwind-traders-cache' is printed as '***-cache' in the log, the summary and the outputs'
// messages, and a user cannot tell which database a line speaks of.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { accountInputs, onLoopback, useAccount } from '../support/account.ts';

const world = useAccount();

describe('an e-mail whose domain is in the names of the databases', () => {
  it('does not blank the names out of what the run prints', async () => {
    const saved = world.api.email;
    world.api.email = 'ops@northwind-traders.example';
    world.api.databases = [onLoopback(world, 1, { database_name: 'northwind-traders-cache' })];
    const run = await runInProcess({ ...accountInputs(world.api) }).finally(() => {
      world.api.email = saved;
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('northwind-traders-cache');
    expect(run.summary).toContain('northwind-traders-cache');
    expect(run.everything).not.toContain('***-cache');
  });
});
