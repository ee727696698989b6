// keepAlive() against what an attack pass found (each test failed on the code before its fix):
// options that are not objects, secrets kept past a call, messages written for GitHub only.
// Real redis-server behind the REST front.

import { describe, expect, it } from 'vitest';
import { KeepaliveError, keepAlive, type KeepAliveOptions } from '../../src/library/index.ts';
import { redact } from '../../src/secrets.ts';
import { useStack } from '../support/fixtures.ts';

const stack = useStack();

/** What the call threw: 'returned' when it resolved. */
const thrown = (options: unknown) =>
  keepAlive(options as KeepAliveOptions).then(
    () => 'returned' as const,
    (error: unknown) => error,
  );

describe('only invalid options throw, and always as a KeepaliveError of kind input', () => {
  it.each([
    ['options null', () => null],
    [
      'databases with a cycle',
      () => {
        const entry: Record<string, unknown> = { url: 'https://a.upstash.io', token: 'x' };
        entry.self = entry;
        return { env: {}, databases: [entry] };
      },
    ],
    ['databases holding a BigInt', () => ({ env: {}, databases: [{ url: 1n, token: 2n }] })],
  ])('%s', async (_, options) => {
    // settingsOf: Object.keys(null) and JSON.stringify(cycle | BigInt) throw a bare TypeError,
    // which the docs promise never happens (only a KeepaliveError with its fix).
    const error = await thrown(options());
    expect(error).toBeInstanceOf(KeepaliveError);
    expect((error as KeepaliveError).kind).toBe('input');
  });
});

describe('a call leaves nothing behind in the process', () => {
  it("a finished call's token is forgotten: the secrets of every past call are not kept (and rescanned) forever", async () => {
    // rememberSecrets() adds each call's tokens to one module-wide set that nothing empties in
    // the library: a long-lived server calling keepAlive() for many databases keeps every token
    // it ever saw, and each later call rebuilds its redaction index over all of them (measured:
    // 9 ms a call at first, 60 ms after 3,000 distinct tokens).
    const token = 'AXfinishedCallToken0123456789abcdefghijklmnopqrstuv=';
    await keepAlive({ env: {}, url: stack.front.url, token, mode: 'ping', maxAttempts: 1 });
    expect(redact(token)).toBe(token);
  });
});

describe("the library's messages speak of options, not of a GitHub workflow", () => {
  it('a missing token names the option, not a ${{ secrets.… }} expression', async () => {
    const error = await thrown({ env: {}, url: [stack.front.url], token: [] });
    expect(error).toBeInstanceOf(KeepaliveError);
    expect((error as KeepaliveError).message).not.toContain('${{');
  });

  it('a status older than maxAgeHours does not send a route user to "the keep-alive workflow"', async () => {
    const result = await keepAlive({
      env: {},
      url: stack.front.url,
      token: stack.front.tokens.full,
      mode: 'status',
      maxAgeHours: 24,
    });
    expect(result.ok).toBe(false);
    expect(result.databases[0]?.error?.fix).not.toMatch(/workflow|GitHub/);
  });
});
