// The commands each mode sends are written by hand as arrays (src/modes/commands.ts): held equal
// here to what @upstash/redis itself builds for the same calls, so that an upgrade of the SDK that
// changes what is sent fails this test rather than passing unnoticed.

import { Redis, type Requester, type UpstashRequest } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { runContext } from '../../src/run-context.ts';
import { keysFor, runMode } from '../../src/modes/index.ts';
import type { Mode } from '../../src/modes/types.ts';

/** A Requester that records what it is asked to send, and answers nothing useful. */
function recorder(): Requester & { sent: UpstashRequest[] } {
  const sent: UpstashRequest[] = [];
  return {
    sent,
    request: (req: UpstashRequest) => {
      sent.push(req);
      const body = req.body as string[][];
      const reply = body.map((c) => ({
        result: c[0] === 'hmget' ? c.slice(2).map(() => null) : null,
      }));
      return Promise.resolve(reply as never);
    },
  };
}

async function ours(mode: Mode): Promise<UpstashRequest> {
  const client = recorder();
  const target = { database: 'db', kind: 'rest' as const, tokenSource: "input 'token'" };
  const input = {
    mode,
    keys: keysFor('ka'),
    context: runContext({}),
    now: new Date(0),
    nonce: 'n',
    historySize: 90,
    target,
  };
  await runMode(client, input).catch(() => undefined); // the replies are not the point
  expect(client.sent).toHaveLength(1);
  return client.sent[0] as UpstashRequest;
}

describe('what each mode sends is what @upstash/redis would send', () => {
  it('ping', async () => {
    const sdk = recorder();
    await new Redis(sdk).pipeline().ping().exec({ keepErrors: true });
    expect(await ours('ping')).toEqual(sdk.sent[0]);
  });

  it('maintenance: one EVAL in one transaction', async () => {
    const request = await ours('maintenance');
    const [[, script, n, ...rest] = []] = request.body as [string, string, number, ...string[]][];
    const keys = rest.slice(0, n);
    const sdk = recorder();
    await new Redis(sdk)
      .multi()
      .eval(script ?? '', keys, rest.slice(n))
      .exec({ keepErrors: true });
    expect(request).toEqual(sdk.sent[0]);
    expect(request.path).toEqual(['multi-exec']);
  });

  it('status: reads only, in one pipeline', async () => {
    const request = await ours('status');
    const k = keysFor('ka');
    const fields = (request.body as string[][])[3]?.slice(2) ?? [];
    const sdk = recorder();
    await new Redis(sdk)
      .pipeline()
      .get(k.lastMaintenance)
      .get(k.previousMaintenance)
      .get(k.count)
      .hmget(k.metadata, ...fields)
      .get(k.backstopBeat)
      .get(k.backstopBeats)
      .lrange(k.history, 0, 89)
      .exec({ keepErrors: true });
    expect(request).toEqual(sdk.sent[0]);
  });
});
