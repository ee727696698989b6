// The command line in process, as a shell runs `upstash-keepalive`: in each mode, with the same
// environment variables as the action, on faults and on bad input.

import { describe, expect, it } from 'vitest';
import { runCommand } from '../support/command.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();

const cli = runCommand;

const restEnv = () => ({
  UPSTASH_REDIS_REST_URL: stack.front.url,
  UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
});
const TIMESTAMP = /^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] /;

describe('the command line', () => {
  it('maintenance with the environment variables works like the action and exits 0', async () => {
    const run = await cli(['maintenance'], restEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(TIMESTAMP);
    expect(run.stdout).toMatch(
      /maintenance ok on 127\.0\.0\.1:\d+ \(\d+ ms, attempt 1, count 1, last \d{4}-/,
    );
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
    expect(stack.front.requests.map((r) => r.path)).toEqual(['/multi-exec']);
  });

  it('ping and status, in human and JSON form', async () => {
    const ping = await cli(['ping'], restEnv());
    expect(ping.code).toBe(0);
    expect(ping.stdout).toMatch(/ping ok on .*reply PONG/);
    await cli(['maintenance'], restEnv());
    const status = await cli(['status', '--json'], {
      ...restEnv(),
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.readOnly,
    });
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as {
      ok: boolean;
      mode: string;
      databases: Record<string, unknown>[];
      histories: { database: string; entries: Record<string, string>[]; gaps: unknown[] }[];
    };
    expect(parsed).toMatchObject({ ok: true, mode: 'status', error: null });
    expect(parsed.databases[0]).toMatchObject({ ok: true, 'maintenance-count': 1, error: null });
    // The history's entries themselves, which only --json keeps (the action keeps the figures).
    expect(parsed.histories).toHaveLength(1);
    expect(parsed.histories[0]?.database).toBe(parsed.databases[0]?.database);
    expect(parsed.histories[0]?.entries.map((e) => e.outcome)).toEqual(['ok']);
    expect(parsed.histories[0]?.entries[0]?.at).toBe(parsed.databases[0]?.['last-maintenance']);
  });

  it('takes --url and --token, and redis:// URLs', async () => {
    const run = await cli(['ping', '--url', stack.front.url, '--token', stack.front.tokens.full]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reply PONG');
  });

  it('exits 1 on a fault, with the reason and the fix on stderr, and no secret', async () => {
    const run = await cli(['maintenance'], {
      ...restEnv(),
      UPSTASH_REDIS_REST_TOKEN: 'AXwrongCliToken=',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(TIMESTAMP);
    expect(run.stderr).toMatch(
      /maintenance failed on .*rejected the token.*Fix: use the REST token/,
    );
    expect(leaks(run.stdout + run.stderr, 'AXwrongCliToken=')).toEqual([]);
  });

  it('--json on a fault is still one JSON object, and exit 1', async () => {
    const run = await cli(['ping', '--json'], {
      ...restEnv(),
      UPSTASH_REDIS_REST_TOKEN: 'AXwrong=',
    });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      databases: [{ ok: false, error: { kind: 'auth' } }],
    });
  });

  it.each([
    [['flush'], /The mode must be one of ping, maintenance, status; got 'flush'/],
    [
      ['ping', '--timeout-seconds', '0'],
      /--timeout-seconds must be a number of seconds from 0\.1 to 300/,
    ],
    [['ping', '--bogus'], /Unknown option --bogus\. Fix: run upstash-keepalive --help/],
    [['ping', 'status'], /Expected one mode, got 2/],
  ])('refuses bad input %j before any request, exit 1', async (args, message) => {
    const run = await cli(args, restEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('without any URL, lists the environment variables it reads', async () => {
    const run = await cli(['ping']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /--url is required.*UPSTASH_REDIS_REST_URL \+ UPSTASH_REDIS_REST_TOKEN/,
    );
  });

  it('--help documents every mode and option, and --version prints the version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const word of [
      'ping',
      'maintenance',
      'status',
      '--url',
      '--token',
      '--key-prefix',
      '--timeout-seconds',
      '--max-attempts',
      '--max-age-hours',
      '--fail-on',
      '--json',
      'VALKEY_URL',
    ]) {
      expect(help.stdout).toContain(word);
    }
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('answers and words of the command line', () => {
  it.each([
    [['--bogus', '--json'], /Unknown option --bogus/],
    [['flush', '--json'], /The mode must be one of/],
    [['ping', '--json'], /--url is required/],
    [['ping', '--json', '--timeout-seconds'], /--timeout-seconds needs a value/],
  ])('--json answers %j in JSON, with one shape for every failure', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['databases', 'error', 'histories', 'mode', 'ok']);
    expect(answer).toMatchObject({ ok: false, databases: [], error: { kind: 'input' } });
    expect((answer.error as { message: string }).message).toMatch(message);
  });

  it('a failure of a database has the same shape, with the database in it', async () => {
    const run = await cli(['ping', '--json'], {
      ...restEnv(),
      UPSTASH_REDIS_REST_TOKEN: 'AXwrongToken=',
    });
    const answer = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['databases', 'error', 'histories', 'mode', 'ok']);
    expect(answer).toMatchObject({ ok: false, mode: 'ping', error: { kind: 'auth' } });
  });

  it('--url on the command line takes its token from UPSTASH_REDIS_REST_TOKEN', async () => {
    const run = await cli(['ping', '--url', stack.front.url], {
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reply PONG');
  });

  it("speaks of options, never of the action's inputs", async () => {
    const timeout = await cli(['ping', '--timeout-seconds', '0.0001'], restEnv());
    expect(timeout.stderr).toMatch(
      /--timeout-seconds must be a number of seconds from 0\.1 to 300/,
    );
    const wrong = await cli(['ping', '--json'], {
      ...restEnv(),
      UPSTASH_REDIS_REST_TOKEN: 'AXwrongToken=',
    });
    expect(wrong.stdout).toMatch(/the token given in UPSTASH_REDIS_REST_TOKEN/);
    for (const run of [timeout, wrong]) {
      expect(run.stdout + run.stderr).not.toMatch(/input '|input url|with: block/);
    }
  });

  it('a token too short to be one is refused, and ordinary words are not masked', async () => {
    const run = await cli(['ping', '--url', stack.front.url, '--token', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--token holds a REST token of 1 character: too short to be one/);
    expect(run.stderr).toContain('Fix: '); // a masked x would read F***
    expect(stack.front.requests).toHaveLength(0);
  });
});
