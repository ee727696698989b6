// Servers and stored values that try to get around the caps and escapes: secrets echoed back in
// part or escaped, replies nested deep or made of countless small elements, values that look like
// links or commands, counters at the edge of exact numbers, runner files that cannot be written.

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { runCommand } from '../support/command.ts';
import { useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});

/** Every run of 8 characters of `secret`, to find a secret printed in part. */
function pieces(secret: string): string[] {
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

let fakeRedis: net.Server;
let fakePort = 0;
let fakeReply = '';
beforeAll(async () => {
  // Answers every command with `fakeReply`, whatever it is asked.
  fakeRedis = net.createServer((socket) => {
    socket.on('data', () => socket.write(fakeReply));
  });
  await new Promise<void>((resolve) => fakeRedis.listen(0, '127.0.0.1', resolve));
  fakePort = (fakeRedis.address() as net.AddressInfo).port;
});
afterAll(() => {
  fakeRedis.close();
});

describe('secrets echoed back', () => {
  it('a token echoed across the cut of a long error text is not printed, even in part', async () => {
    const token = stack.front.tokens.full;
    stack.front.intercept = (_req, res) => {
      res.writeHead(400).end(JSON.stringify({ error: `${'x'.repeat(470)}${token}` }));
      return true;
    };
    const run = await runInProcess(full());
    expect(run.exitCode).toBe(1);
    const shown = run.everything
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const piece of pieces(token)) expect(shown).not.toContain(piece);
  });

  it('a password echoed by a redis server is not printed, even in part', async () => {
    const password = 'Xq7-ech0-9Zk2-pwz-0123456789';
    fakeReply = `-WRONGPASS ${'y'.repeat(470)}${password}\r\n`;
    const run = await runInProcess({ url: `redis://default:${password}@127.0.0.1:${fakePort}` });
    expect(run.exitCode).toBe(1);
    const printed = run.everything.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const shown = printed.join('\n');
    for (const piece of pieces(password)) expect(shown, shown.slice(0, 3000)).not.toContain(piece);
  });

  it.each([
    ['a zero-width space', 'AXtoken\u200bvalue123='],
    ['a next-line control', 'AXtoken\u0085value123='],
    ['a control character', 'AXtoken\u0001value123='],
  ])('a token with %s is refused as an input, before any request', async (_, token) => {
    const run = await runInProcess(full({ token }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/^Input 'token' holds a REST token with the character U\+/);
    expect(stack.front.requests).toHaveLength(0);
  });
});

describe('replies made to cost', () => {
  it('a reply nested 5,000 deep is a protocol error, not a crash, and not retried', async () => {
    stack.front.intercept = (_req, res) => {
      res.writeHead(200).end(`[{"result":${'['.repeat(5000)}${']'.repeat(5000)}}]`);
      return true;
    };
    const run = await runInProcess(full({ mode: 'ping' }));
    expect(run.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(run.outputs.error).toMatch(/Unexpected response .*JSON nested \d+ levels deep/);
  });

  it('a reply of a million tiny elements is refused before it is parsed', async () => {
    stack.front.intercept = (_req, res) => {
      res.writeHead(200).end(`[{"result":[${Array(200_000).fill('{}').join(',')}]}]`);
      return true;
    };
    const run = await runInProcess(full({ mode: 'ping' }));
    expect(run.outputs.error).toMatch(/JSON of more than 10000 elements/);
  });

  it('over redis://, a reply nested too deep, or not RESP at all, is a protocol error', async () => {
    fakeReply = '*1\r\n'.repeat(20_000);
    const deep = await runInProcess({
      url: `redis://127.0.0.1:${fakePort}`,
      mode: 'ping',
      'timeout-seconds': '2',
    });
    expect(deep.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(deep.outputs.error).toMatch(/nested too deeply|not the Redis protocol/);
    fakeReply = '?5\r\nhello\r\n';
    const odd = await runInProcess({
      url: `redis://127.0.0.1:${fakePort}`,
      mode: 'ping',
      'timeout-seconds': '1',
    });
    expect(odd.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(odd.outputs.error).toMatch(/not the Redis protocol \(RESP 2\), beginning \?5/);
  });
});

describe('values from the database', () => {
  it('the largest counter is exact over redis:// too', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:count', '9007199254740990');
    const { name, password } = stack.redis.users.full;
    const url = `redis://${name}:${password}@127.0.0.1:${stack.redis.port}`;
    const run = await runInProcess({ url, mode: 'maintenance' });
    expect(run.outputs).toMatchObject({ ok: 'true', 'maintenance-count': '9007199254740991' });
  });

  it('a metadata hash with hundreds of foreign fields does not fail a maintenance', async () => {
    const junk = Array.from({ length: 200 }, (_, i) => [`junk-${i}`, 'x'.repeat(100)]).flat();
    await stack.admin.call('HSET', 'upstash-keepalive:metadata', ...junk);
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.outputs).toMatchObject({ ok: 'true', 'maintenance-count': '1' });
  });

  it('a last-maintenance that is not a time is replaced; previous-maintenance is never deleted', async () => {
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', 'garbage');
    await stack.admin.call(
      'SET',
      'upstash-keepalive:previous-maintenance',
      '2026-01-01T00:00:00.000Z',
    );
    const run = await runInProcess(full({ mode: 'maintenance' }));
    expect(run.exitCode).toBe(0);
    const previous = await stack.admin.call('GET', 'upstash-keepalive:previous-maintenance');
    expect(text(previous)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('a stored run link to another site is not shown in the summary', async () => {
    await runInProcess(full({ mode: 'maintenance' }));
    await stack.admin.call(
      'HSET',
      'upstash-keepalive:metadata',
      'run-url',
      'https://evil.example/o/r/actions/runs/1',
    );
    const run = await runInProcess(full({ mode: 'status' }));
    expect(run.summary).not.toContain('evil');
    await stack.admin.call(
      'HSET',
      'upstash-keepalive:metadata',
      'run-url',
      'https://github.com/octo-org/keepalive-demo/actions/runs/42',
    );
    const ours = await runInProcess(full({ mode: 'status' }));
    expect(ours.summary).toContain(
      '| Last maintained by | https://github.com/octo-org/keepalive-demo/actions/runs/42 |',
    );
  });
});

describe('the runner and the shell', () => {
  it('an output file that cannot be written is a warning, not a crash', async () => {
    const run = await runInProcess(full({ mode: 'ping' }), {
      GITHUB_OUTPUT: '/nonexistent-dir/output',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^::warning::Could not write the step's outputs \(GITHUB_OUTPUT\)/m);
    expect(run.stderr).toBe('');
  });

  it('the command line answers JSON without a live ##[ in it', async () => {
    stack.front.intercept = (_req, res) => {
      res.writeHead(400).end(JSON.stringify({ error: 'ERR ##[add-mask]PONG ##[error]forged' }));
      return true;
    };
    const out = await runCommand([
      'ping',
      '--json',
      '--url',
      stack.front.url,
      '--token',
      stack.front.tokens.full,
    ]);
    expect(out.stdout).not.toContain('##[');
    expect((JSON.parse(out.stdout) as { error: { message: string } }).error.message).toContain(
      '##[error]forged',
    );
    const odd = await runCommand(['ping', '--json=true']);
    expect(JSON.parse(odd.stdout)).toMatchObject({ ok: false, error: { kind: 'input' } });
    const version = await runCommand(['--version', '--json']);
    expect(JSON.parse(version.stdout)).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/) as unknown,
    });
  });

  it('a refused URL never quotes its scheme, which may be a pasted password', async () => {
    const run = await runInProcess(full({ url: 'PASSWORDSECRET99:x@host' }));
    expect(run.exitCode).toBe(1);
    expect(run.everything.toLowerCase()).not.toContain('passwordsecret99');
  });

  it('a mode named like an object property is refused and titled plainly', async () => {
    const run = await runInProcess(full({ mode: 'constructor' }));
    expect(run.exitCode).toBe(1);
    expect(run.summary).toMatch(/^## ❌ Upstash keep-alive: run failed/);
  });
});
