// The history of runs: kept by the one maintenance request, capped, newest first (consistent with
// the record under concurrency: __tests__/dist/); read by status in its one request; its gaps found and, with
// max-missed-runs, failing the status; drawn as a Mermaid chart that Mermaid itself parses.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { snapshot, useStack } from '../support/fixtures.ts';
import { daily, HOUR, storedHistory } from '../support/history.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

const history = () => storedHistory(stack.admin);

/** Entries as the script writes them, at the given times (newest first in the list). */
async function seed(times: Date[]): Promise<void> {
  const entries = times.map((t, i) =>
    JSON.stringify({
      at: t.toISOString(),
      outcome: 'ok',
      'run-id': String(100 + i),
      event: 'schedule',
      repository: 'o/r',
      nonce: `seed-${i}`,
    }),
  );
  await stack.admin.call('RPUSH', 'upstash-keepalive:history', ...entries);
  await stack.admin.call(
    'SET',
    'upstash-keepalive:last-maintenance',
    times[0]?.toISOString() ?? '',
  );
}

describe('kept by maintenance', () => {
  it('95 runs keep exactly history-size entries, newest first, each in one request', async () => {
    for (let i = 0; i < 95; i++) await runInProcess(full({ mode: 'maintenance' }));
    expect(stack.front.requests).toHaveLength(95);
    const entries = await history();
    expect(entries).toHaveLength(90);
    const times = entries.map((e) => Date.parse(e.at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(entries[0]).toMatchObject({
      outcome: 'ok',
      'run-id': '1234567890',
      event: 'schedule',
      repository: 'octo-org/keepalive-demo',
    });
    expect(entries[0]?.at).toBe(
      text(await stack.admin.call('GET', 'upstash-keepalive:last-maintenance')),
    );
  });

  it('history-size 0 writes none; a key of another type under its name fails the run without a write', async () => {
    await runInProcess(full({ mode: 'maintenance', 'history-size': '0' }));
    expect(await history()).toEqual([]);
    await stack.admin.call('FLUSHALL');
    await stack.admin.call('SET', 'upstash-keepalive:history', 'not a list');
    const before = await snapshot(stack.admin);
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /WRONGTYPE key upstash-keepalive:history holds a string, where the keep-alive keeps a list/,
    );
    expect(await snapshot(stack.admin)).toEqual(before);
  });
});

describe('read by status', () => {
  it('reports the usual interval, the gap and the missed runs, in one read request', async () => {
    await seed(daily(20, [3, 4, 5]));
    const run = await runInProcess(full({ mode: 'status', token: stack.front.tokens.readOnly }));
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/pipeline']);
    expect(run.outputs).toMatchObject({
      ok: 'true',
      'runs-in-history': '17',
      'median-interval-hours': '24',
      'longest-gap-hours': '96',
      'missed-runs': '3',
    });
    expect(run.summary).toMatch(
      /- Gap: \d{4}-\d\d-\d\d \d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d, 96 h: about 3 runs missed/,
    );
  });

  it('max-missed-runs fails the status, naming the gaps and the likely causes', async () => {
    await seed(daily(20, [3, 4, 5]));
    const ok = await runInProcess(full({ mode: 'status', 'max-missed-runs': '3' }));
    expect(ok.exitCode).toBe(0);
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '2' }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /^3 runs were missed in the last 17 \(usual interval 24 h\), more than input 'max-missed-runs' 2: .*96 h: about 3 runs missed.*schedule was disabled.*delayed or dropped.*failed/s,
    );
  });

  it('a schedule that stopped shows as a gap until now', async () => {
    const stopped = daily(10).map((d) => new Date(d.getTime() - 5 * 24 * HOUR));
    await seed(stopped);
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs['missed-runs']).toBe('4');
    expect(run.summary).toMatch(/→ now \(no run since\)/);
  });

  it("entries that are not the keep-alive's are left out, never printed raw", async () => {
    await seed(daily(5));
    await stack.admin.call(
      'LPUSH',
      'upstash-keepalive:history',
      '{"at":"x\\n::error::FORGED"}',
      'not json <img>',
    );
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.outputs['runs-in-history']).toBe('5');
    expect(run.everything).not.toContain('FORGED');
    expect(run.everything).not.toContain('<img>');
  });
});
