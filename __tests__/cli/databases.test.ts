// The command line with an Upstash account: the same flags and variables as the action's inputs,
// and `upstash-keepalive databases`, which lists what the account holds without a token.

import { beforeAll, describe, expect, it } from 'vitest';
import { accountSecrets, onLoopback, useAccount } from '../support/account.ts';
import { runCommand } from '../support/command.ts';
import { leaks } from '../support/fixtures.ts';

const world = useAccount();
beforeAll(() => {
  world.api.databases = [
    onLoopback(world, 1),
    onLoopback(world, 2, { type: 'paid', state: 'suspended', region: 'us-east-1' }),
  ];
  world.api.daily = new Map([[world.api.databases[0]?.database_id ?? '', [1, 2, 3, 4, 5, 6, 7]]]);
});

const env = () => ({ UPSTASH_EMAIL: world.api.email, UPSTASH_API_KEY: world.api.apiKey });
const noSecret = (all: string) => {
  for (const secret of accountSecrets(world.api)) expect(leaks(all, secret), secret).toEqual([]);
};

describe('upstash-keepalive databases', () => {
  it('lists name, type, state, region and the commands of 7 days, never a token', async () => {
    const run = await runCommand(['databases', '--upstash-api-url', world.api.url], env());
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +TYPE +STATE +REGION +COMMANDS \(7 DAYS\) +ENDPOINT$/);
    expect(lines[1]).toMatch(/^db-00001 +free +active +eu-west-1 +28 +127\.0\.0\.3:\d+$/);
    expect(lines[2]).toMatch(/^db-00002 +paid +suspended +us-east-1 +0 +127\.0\.0\.4:\d+$/);
    expect(world.api.requests.every((q) => q.method === 'GET')).toBe(true);
    noSecret(run.all);
  });

  it('--json, and a glob', async () => {
    const run = await runCommand(
      ['databases', '--json', '--upstash-api-url', world.api.url, '--databases-matching', '*2'],
      env(),
    );
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      command: 'databases',
      databases: [
        {
          name: 'db-00002',
          database: expect.stringMatching(/^127\.0\.0\.4:\d+$/) as string,
          type: 'paid',
          state: 'suspended',
          region: 'us-east-1',
          'commands-today': 0,
          'commands-7-days': 0,
        },
      ],
      unreadable: 0,
      error: null,
    });
    noSecret(run.all);
  });

  it('needs an account, and a refused key names the options', async () => {
    const none = await runCommand(['databases']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /lists the databases of an Upstash account, and none is given\. Fix: set UPSTASH_EMAIL and UPSTASH_API_KEY/,
    );
    const wrong = await runCommand(['databases', '--upstash-api-url', world.api.url], {
      ...env(),
      UPSTASH_API_KEY: 'a-wrong-key-0000000000000000',
    });
    expect(wrong.stderr).toMatch(/rejected --upstash-email and --upstash-api-key \(HTTP 401/);
  });
});

describe('the modes with an account', () => {
  it('keep its databases alive, print what Upstash counted, and --json has it', async () => {
    const run = await runCommand(['maintenance', '--upstash-api-url', world.api.url], env());
    expect(run.code).toBe(0); // db-00002, paid, is left out
    expect(run.stderr).toMatch(
      /Upstash account: 2 Redis databases listed; 1 selected for this run/,
    );
    expect(run.stdout).toMatch(/maintenance ok on 127\.0\.0\.3:\d+/);
    expect(run.stdout).toMatch(
      /127\.0\.0\.3:\d+: Upstash counted 7 commands today, 28 over the last 7 days/,
    );
    const json = await runCommand(
      ['ping', '--json', '--include-paid', '--upstash-api-url', world.api.url],
      env(),
    );
    const answer = JSON.parse(json.stdout) as { upstash: { counts: { 'last-7-days': number }[] } };
    expect(answer.upstash.counts.map((c) => c['last-7-days'])).toEqual([28, 0]);
    noSecret(run.all + json.all);
  });
});
