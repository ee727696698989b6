// What an entry of the history must hold to count as one of the keep-alive's runs: every field
// the maintenance script writes (its time, outcome, run, event, repository and nonce), as every
// version of it has written them. A bare {"at": …}, or any JSON with a time in it, is not a run.

import { describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { useStack } from '../support/fixtures.ts';
import { daily, entry, HOUR, seedHistory } from '../support/history.ts';
import { text } from '../support/resp.ts';
import { analyse } from '../../src/modes/history.ts';

const stack = useStack();
const KEY = 'upstash-keepalive:history';
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

describe('analyse(): what counts as a run', () => {
  const now = new Date('2026-06-30T12:00:00.000Z');
  const at = new Date(now.getTime() - HOUR).toISOString();
  const counted = (raw: string) => analyse([raw], now).kept;

  it('an entry with every field the script writes counts, empty run fields and extra fields too', () => {
    expect(counted(entry(at))).toBe(1);
    // The command line outside GitHub writes empty run fields.
    expect(counted(entry(at, { 'run-id': '', event: '', repository: '' }))).toBe(1);
    expect(counted(entry(at, { note: 'a field a later version may add' }))).toBe(1);
  });

  it.each([
    ['a bare time', JSON.stringify({ at })],
    ['a time and an outcome', JSON.stringify({ at, outcome: 'ok' })],
    ['no nonce', JSON.stringify({ ...JSON.parse(entry(at)), nonce: undefined })],
    ['an empty nonce', entry(at, { nonce: '' })],
    ['no repository', JSON.stringify({ ...JSON.parse(entry(at)), repository: undefined })],
    ['a number for a field', JSON.stringify({ ...JSON.parse(entry(at)), 'run-id': 7 })],
    ['an array', JSON.stringify([entry(at)])],
  ])('%s is not a run, and is said to be left out', (_, raw) => {
    expect(analyse([raw], now)).toMatchObject({ kept: 0, runs: [], unreadable: 1 });
  });
});

describe('a foreign list of times under the prefix', () => {
  const bare = daily(20, [3, 4, 5]).map((d) => JSON.stringify({ at: d.toISOString() }));

  it('status counts none of it: no run, no missed run, and says why', async () => {
    await seedHistory(stack.admin, KEY, bare);
    const run = await runInProcess(full({ mode: 'status', 'max-missed-runs': '0' }));
    expect(run.outputs).toMatchObject({ error: '', 'runs-in-history': '0', 'missed-runs': '0' });
    expect(run.summary).toMatch(/no run kept; 17 entries not written by the keep-alive left out/);
    const json = await runCommand(['status', '--json'], {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    });
    expect(JSON.parse(json.stdout)).toMatchObject({ histories: [{ entries: [], gaps: [] }] });
  });

  it('a maintenance after it counts its own entry only, as the script wrote it', async () => {
    await seedHistory(stack.admin, KEY, bare);
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.outputs).toMatchObject({ error: '', 'runs-in-history': '1' });
    const own = JSON.parse(text(await stack.admin.call('LINDEX', KEY, '0'))) as object;
    expect(Object.keys(own)).toEqual(['at', 'outcome', 'run-id', 'event', 'repository', 'nonce']);
  });
});
