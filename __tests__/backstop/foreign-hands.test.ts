// The schedule under the backstop's id, changed by other hands: pointed at another host (it
// keeps nothing alive here, whatever its time), or set by another workflow with another
// backstop-cron on the same database and prefix (the two would rewrite each other on every run).

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { backstopInputs, leaks, onlySchedule, useQStash, useStack } from '../support/fixtures.ts';

const stack = useStack();
const fake = useQStash();
const inputs = (extra: Inputs = {}): Inputs => backstopInputs(stack, fake, extra);

const theSchedule = () => onlySchedule(fake);

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));

describe('a schedule under our id pointed at another host', () => {
  const elsewhere = 'https://other-db.upstash.io/?_token=AXsomeoneElsesToken0123';

  it('is not active: status says what it calls, and maintenance points it back', async () => {
    await runInProcess(inputs());
    theSchedule().destination = elsewhere;
    const status = await runInProcess(
      inputs({ mode: 'status', token: stack.front.tokens.readOnly }),
    );
    expect(status.outputs.backstop).toBe('off');
    expect(warnings(status.stdout).join('\n')).toMatch(
      /^::warning::127\.0\.0\.1:\d+: the QStash backstop's schedule upstash-keepalive-\w+ calls other-db\.upstash\.io, not this database: it keeps nothing alive here; /m,
    );
    const maintenance = await runInProcess(inputs());
    expect(maintenance.outputs.backstop).toBe('updated');
    expect(theSchedule().destination).toBe(stack.front.url);
    expect(warnings(maintenance.stdout).join('\n')).toMatch(
      /::warning::127\.0\.0\.1:\d+: the QStash backstop's schedule upstash-keepalive-\w+ called other-db\.upstash\.io, not this database: pointed back at this database\./,
    );
    for (const run of [status, maintenance]) {
      expect(leaks(run.everything, 'AXsomeoneElsesToken0123')).toEqual([]);
    }
  });

  it('backstop status on the command line says what it calls', async () => {
    await runInProcess(inputs());
    theSchedule().destination = elsewhere;
    const env = {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
      QSTASH_TOKEN: fake.qstash.token,
      QSTASH_URL: fake.qstash.url,
    };
    const status = await runCommand(['backstop', 'status', '--json'], env);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.all)).toMatchObject({
      databases: [{ exists: true, 'same-time': true, 'same-destination': false }],
    });
    const text = await runCommand(['backstop', 'status'], env);
    expect(text.all).toMatch(/backstop calls other-db\.upstash\.io, not this database: /);
    expect(text.all).not.toContain('AXsomeoneElsesToken0123');
  });
});

describe('two workflows with different backstop-cron on one database and prefix', () => {
  const workflow = (file: string) => ({
    GITHUB_WORKFLOW_REF: `octo-org/keepalive-demo/.github/workflows/${file}@refs/heads/main`,
    GITHUB_JOB: 'keepalive',
  });
  const a = () => runInProcess(inputs({ 'backstop-cron': '5 1 * * *' }), workflow('a.yml'));
  const b = () => runInProcess(inputs({ 'backstop-cron': '7 2 * * *' }), workflow('b.yml'));

  it('do not rewrite each other on every run: the second says so, naming both', async () => {
    expect((await a()).outputs.backstop).toBe('created');
    const second = await b();
    expect(second.exitCode).toBe(0);
    expect(theSchedule().cron).toBe('5 1 * * *');
    expect(second.outputs.backstop).toBe('active');
    const said = warnings(second.stdout).join('\n');
    expect(said).toMatch(
      /octo-org\/keepalive-demo\/\.github\/workflows\/a\.yml \(job keepalive\) set this database's QStash backstop .* at 5 1 \* \* \* UTC; this workflow asks for 7 2 \* \* \* UTC/,
    );
    expect(said).toMatch(
      /give both the same input 'backstop-cron' \(and token\), input 'qstash-token' to one of them only, or each its own input 'key-prefix'/,
    );
    // The first finds its own schedule as it left it: nothing rewritten, nothing to say.
    fake.qstash.requests.length = 0;
    const again = await a();
    expect(again.outputs.backstop).toBe('active');
    expect(warnings(again.stdout)).toEqual([]);
    expect(fake.qstash.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('status in the other workflow names the setter and both times', async () => {
    await a();
    const status = await runInProcess(
      inputs({ mode: 'status', token: stack.front.tokens.readOnly, 'backstop-cron': '7 2 * * *' }),
      workflow('b.yml'),
    );
    expect(status.outputs.backstop).toBe('active');
    expect(warnings(status.stdout).join('\n')).toMatch(
      /the QStash backstop runs at 5 1 \* \* \* UTC \(octo-org\/keepalive-demo\/\.github\/workflows\/a\.yml \(job keepalive\) set it less than an hour ago\), not at 7 2 \* \* \* UTC as these settings say: give both the same/,
    );
  });

  it('a schedule its setter has not touched for 7 days is taken over, and that is said', async () => {
    await a();
    const header = theSchedule().forward;
    const [name, value] = Object.entries(header).find(([n]) => /set-by/i.test(n)) ?? [];
    if (!name || !value) throw new Error('no Keepalive-Set-By header');
    header[name] = value.replace(/^\S+/, new Date(Date.now() - 8 * 86_400_000).toISOString());
    const run = await b();
    expect(run.outputs.backstop).toBe('updated');
    expect(theSchedule().cron).toBe('7 2 * * *');
    expect(warnings(run.stdout).join('\n')).toMatch(
      /took over the QStash backstop .*from octo-org\/keepalive-demo\/\.github\/workflows\/a\.yml \(job keepalive\), which set it at 5 1 \* \* \* UTC/,
    );
  });

  it('backstop install on the command line is asked for by a person: it takes it over', async () => {
    await a();
    const install = await runCommand(['backstop', 'install', '--backstop-cron', '9 3 * * *'], {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
      QSTASH_TOKEN: fake.qstash.token,
      QSTASH_URL: fake.qstash.url,
    });
    expect(install.code).toBe(0);
    expect(theSchedule().cron).toBe('9 3 * * *');
    expect(install.all).toMatch(/backstop updated .*taken over from .*a\.yml/);
  });
});
