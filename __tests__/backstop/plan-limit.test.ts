// QStash's plan limits an account's schedules (the free plan: 10; one more answers 412), and the
// user's own app shares them with the backstop. The loopback QStash enforces such a limit. The
// backstop counts the account's schedules before it makes one, never takes the last two of the
// free plan's without being told to, says why it made none and what to do, asks nothing of
// QStash again while the account stays full, and turns a 412 into the limit and its fix.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { backstopInputs, useQStash, useStack } from '../support/fixtures.ts';
import { appSchedule } from '../support/qstash.ts';

const stack = useStack({ everyLoopbackAddress: true });
const fake = useQStash();

/** `n` databases, each its own loopback address (127.0.0.2, 127.0.0.3…). */
const fleet = (n: number, extra: Inputs = {}): Inputs => {
  const port = new URL(stack.front.url).port;
  const urls = Array.from({ length: n }, (_, i) => `http://127.0.0.${i + 2}:${port}`);
  return backstopInputs(stack, fake, extra, urls);
};

/** The user's app holds `n` schedules of its own. */
function appHolds(n: number): void {
  for (let i = 0; i < n; i++) fake.qstash.schedules.set(`app-${i}`, appSchedule(`app-${i}`));
}

/** Requests that would make a schedule (POST /v2/schedules/<destination>). */
const creations = () =>
  fake.qstash.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v2/schedules/'));

const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning::'));

describe("QStash's schedule limit", () => {
  it('leaves the last 2 of the free plan free for the app, and says so', async () => {
    appHolds(7);
    const run = await runInProcess(fleet(2));
    expect(run.exitCode).toBe(0);
    // One made (8 of 10), the other not: the app can still make 2 of its own.
    expect(fake.qstash.schedules.size).toBe(8);
    expect(JSON.parse(run.outputs.results ?? '[]')).toMatchObject([
      { backstop: 'created' },
      { backstop: 'off' },
    ]);
    const said = warnings(run.stdout).filter((l) => l.includes('backstop-max-schedules'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^::warning::127\.0\.0\.3:\d+: no QStash backstop made/);
    expect(said[0]).toMatch(/the QStash account holds 8 schedules/);
    expect(said[0]).toMatch(/the free plan holds 10/);
    expect(said[0]).toMatch(/Remove schedules no longer used .*Upstash console → QStash/);
    expect(run.stdout).toMatch(/Created the QStash backstop of 127\.0\.0\.2:\d+ .*holds 8 of/);
  });

  it('a full account: no request to make a schedule, run after run, until a slot frees', async () => {
    appHolds(10);
    for (let i = 0; i < 2; i++) {
      const run = await runInProcess(fleet(3));
      expect(run.exitCode).toBe(0);
      expect(run.outputs.backstop).toBe('off');
      // Three databases refused for one reason: one warning, naming them.
      const said = warnings(run.stdout).filter((l) => l.includes('no QStash backstop made'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^::warning::3 databases \(127\.0\.0\.2:\d+, 127\.0\.0\.3:\d+, /);
      expect(said[0]).toMatch(/holds 10 schedules/);
    }
    expect(creations()).toEqual([]);
    // The app removes three of its schedules: the next run makes one, leaving 2 free.
    for (const id of ['app-0', 'app-1', 'app-2']) fake.qstash.schedules.delete(id);
    const run = await runInProcess(fleet(3));
    expect(fake.qstash.schedules.size).toBe(8);
    expect(creations()).toHaveLength(1);
    expect(run.outputs.backstop).toBe('created');
  });

  it('updating a schedule in place takes no slot: a full account keeps its backstop current', async () => {
    appHolds(7);
    await runInProcess(fleet(1));
    appHolds(9);
    const run = await runInProcess(fleet(1, { 'backstop-cron': '41 15 * * *' }));
    expect(run.outputs.backstop).toBe('updated');
    expect(run.stdout).not.toMatch(/::warning::/);
  });

  it('backstop-max-schedules 10 on the free plan: all 10 slots may be taken, as asked', async () => {
    appHolds(8);
    const run = await runInProcess(fleet(2, { 'backstop-max-schedules': '10' }));
    expect(fake.qstash.schedules.size).toBe(10);
    expect(run.stdout).not.toMatch(/::warning::/);
  });

  it("a 412 names the free plan's 10 schedules and the fix; the run stops asking", async () => {
    appHolds(10);
    // 0: no count (a paid plan); the free plan's QStash refuses.
    const run = await runInProcess(fleet(3, { 'backstop-max-schedules': '0', concurrency: '1' }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs.backstop).toBe('off');
    expect(run.stdout).not.toMatch(/HTTP 412: \{/);
    const said = warnings(run.stdout).filter((l) => l.includes('412'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /QStash refused a new schedule \(HTTP 412\): the account holds as many schedules as its plan allows \(the free plan: 10\)/,
    );
    expect(said[0]).toMatch(/Remove schedules no longer used/);
    expect(said[0]).toMatch(/backstop-max-schedules/);
    // After the first refusal, the other databases of the run were not tried.
    expect(creations()).toHaveLength(1);
  });

  it("a paid plan's long list (past 1 MiB) is counted; one past 8 MiB says to stop counting", async () => {
    fake.qstash.maxSchedules = 5000;
    // Schedules the size of the backstop's own (its script is in the body): about 3.4 KB each.
    const big = (id: string) => ({ ...appSchedule(id), body: 'x'.repeat(3300) });
    for (let i = 0; i < 400; i++) fake.qstash.schedules.set(`app-${i}`, big(`app-${i}`));
    const run = await runInProcess(fleet(1, { 'backstop-max-schedules': '5000' }));
    expect(run.outputs.backstop).toBe('created');
    expect(run.stdout).toMatch(/now holds 401 of at most 5000/);
    for (let i = 400; i < 2700; i++) fake.qstash.schedules.set(`app-${i}`, big(`app-${i}`));
    const huge = await runInProcess(fleet(2, { 'backstop-max-schedules': '5000' }));
    expect(huge.outputs.results).toMatch(/"backstop":"active".*"backstop":"off"/);
    expect(huge.stdout).toMatch(
      /::warning::127\.0\.0\.3:\d+: QStash's list of schedules is larger than 8 MiB: for an account this large, set input 'backstop-max-schedules' to 0/,
    );
  });

  it('backstop install on the command line counts too, and says why it made none', async () => {
    appHolds(7);
    const env = (url: string) => ({
      UPSTASH_REDIS_REST_URL: url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
      QSTASH_TOKEN: fake.qstash.token,
      QSTASH_URL: fake.qstash.url,
    });
    const [first, second] = fleet(2).url?.split('\n') ?? [];
    const made = await runCommand(['backstop', 'install'], env(first ?? ''));
    expect(made.code).toBe(0);
    expect(made.all).toMatch(/backstop created .*the QStash account now holds 8 schedules/);
    const refused = await runCommand(['backstop', 'install'], env(second ?? ''));
    expect(refused.code).toBe(1);
    expect(refused.all).toMatch(
      /no QStash backstop made: the QStash account holds 8 schedules, and --backstop-max-schedules is 8/,
    );
    expect(fake.qstash.schedules.size).toBe(8);
  });

  it('backstop-max-schedules is a whole number', async () => {
    const run = await runInProcess(fleet(1, { 'backstop-max-schedules': 'ten' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/backstop-max-schedules.*whole number/);
  });
});
