import { describe, expect, it } from 'vitest';
import { KeepaliveError } from '../src/errors.ts';
import { backoffDelay, withRetry, type RetryPolicy } from '../src/retry.ts';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000 };
const transient = () => new KeepaliveError('server', 'HTTP 503', 'wait', { retryable: true });
const permanent = () => new KeepaliveError('auth', 'HTTP 401', 'use the REST token');

describe('backoffDelay', () => {
  it('doubles from the base, with jitter between half and all of it', () => {
    expect(backoffDelay(2, policy, undefined, () => 0)).toBe(250);
    expect(backoffDelay(2, policy, undefined, () => 1)).toBe(500);
    expect(backoffDelay(3, policy, undefined, () => 0)).toBe(500);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(4, policy, undefined, () => 1)).toBe(2000);
  });

  it('is capped at maxDelayMs', () => {
    expect(backoffDelay(20, policy, undefined, () => 1)).toBe(8000);
  });

  it('waits at least what the server asked for (Retry-After)', () => {
    expect(backoffDelay(2, policy, 3000, () => 0)).toBe(3000);
  });
});

describe('withRetry', () => {
  const noSleep = { sleep: () => Promise.resolve(), random: () => 0.5 };

  it('retries transient failures until one succeeds', async () => {
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        if (calls < 3) return Promise.reject(transient());
        return Promise.resolve('PONG');
      },
      policy,
      noSleep,
    );
    expect(result).toEqual({ ok: true, value: 'PONG', attempts: 3 });
  });

  it('never retries a failure another attempt cannot fix', async () => {
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        return Promise.reject(permanent());
      },
      policy,
      noSleep,
    );
    expect(calls).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
  });

  it('stops after maxAttempts and returns the last error', async () => {
    const delays: number[] = [];
    const result = await withRetry(() => Promise.reject(transient()), policy, {
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      random: () => 1,
    });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(4);
    expect(delays).toEqual([500, 1000, 2000]);
  });

  it('treats an unclassified exception as final', async () => {
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        return Promise.reject(new Error('bug'));
      },
      policy,
      noSleep,
    );
    expect(calls).toBe(1);
    expect(!result.ok && result.error.message).toContain('bug');
  });

  it('reports each retry with its delay', async () => {
    const seen: string[] = [];
    let calls = 0;
    await withRetry(
      () => (++calls < 2 ? Promise.reject(transient()) : Promise.resolve(1)),
      policy,
      { ...noSleep, onRetry: (e, n, d) => seen.push(`${e.kind}#${n}:${d}`) },
    );
    expect(seen).toEqual(['server#1:375']);
  });
});

describe('the waits between attempts, in all', () => {
  it('stop at 60 s whatever max-attempts and Retry-After say, and the error says so', async () => {
    const slept: number[] = [];
    const busy = () =>
      new KeepaliveError('server', 'HTTP 503', 'wait', { retryable: true, retryAfterMs: 30_000 });
    const result = await withRetry(
      () => Promise.reject(busy()),
      { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 8000, maxTotalWaitMs: 60_000 },
      {
        sleep: (ms) => {
          slept.push(ms);
          return Promise.resolve();
        },
        random: () => 0.5,
      },
    );
    expect(slept).toEqual([30_000, 30_000]);
    expect(result.attempts).toBe(3);
    expect(!result.ok && result.error.message).toMatch(
      /Not retried again: the waits between attempts would pass 60 s in all/,
    );
  });
});
