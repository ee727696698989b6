// The command line's options given more than once: --url and --token pair up in order (a count
// of tokens that does not match the URLs is told as such, not as a token holding a line break);
// an option of one value given twice is refused, naming it. The command line is run in process
// against a real redis-server, over REST and over redis://.

import { describe, expect, it } from 'vitest';
import { runCommand } from '../support/command.ts';
import { leaks, useStack } from '../support/fixtures.ts';

const stack = useStack();

async function run(args: string[], env: Record<string, string> = {}) {
  const done = await runCommand(args, env);
  return { ...done, everything: done.all };
}

const tcpUrl = () => {
  const { port, users } = stack.redis;
  return `redis://${users.full.name}:${users.full.password}@127.0.0.1:${port}`;
};

describe('--url and --token, paired in order', () => {
  it('a repeated --token for one --url says so, in text and in JSON, and leaks no token', async () => {
    const token = stack.front.tokens.full;
    const args = ['ping', '--url', stack.front.url, '--token', token, '--token', token];
    const text = await run(args);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(
      /--token was given 2 times for 1 --url: give one --token per --url/,
    );
    expect(text.stderr).not.toMatch(/whitespace|line break/);
    const json = await run([...args, '--json']);
    const answer = JSON.parse(json.stdout) as { error: { kind: string; message: string } };
    expect(answer.error.kind).toBe('input');
    expect(answer.error.message).toMatch(/--token was given 2 times for 1 --url/);
    expect([...leaks(text.everything, token), ...leaks(json.everything, token)]).toEqual([]);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('more tokens than URLs, or fewer, or tokens without any --url: each says so', async () => {
    const t = stack.front.tokens.full;
    const two = ['--url', stack.front.url, '--url', tcpUrl()];
    const more = await run(['ping', ...two, '--token', t, '--token', '', '--token', t]);
    expect(more.stderr).toMatch(/--token was given 3 times for 2 --url/);
    const fewer = await run(['ping', ...two, '--token', t]);
    expect(fewer.stderr).toMatch(/--token was given 1 time for 2 --url/);
    const none = await run(['ping', '--token', t, '--token', t], {
      UPSTASH_REDIS_REST_URL: stack.front.url,
    });
    expect(none.stderr).toMatch(/--token was given 2 times without --url/);
    expect([more.code, fewer.code, none.code]).toEqual([1, 1, 1]);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('one --token per --url (empty for a URL that carries its password) keeps both alive', async () => {
    const args = ['ping', '--url', stack.front.url, '--url', tcpUrl()];
    const ok = await run([...args, '--token', stack.front.tokens.full, '--token', '']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout.match(/ping ok on .*reply PONG/g)).toHaveLength(2);
  });
});

describe('the token variable with several --url', () => {
  it('is not reused for every URL (the action refuses the same): one --token per --url is asked for', async () => {
    const second = stack.front.url.replace('127.0.0.1', 'localhost');
    const env = { UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full };
    const done = await run(['ping', '--url', stack.front.url, '--url', second], env);
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(
      /UPSTASH_REDIS_REST_TOKEN holds the token of one database: it is not used for 2 --url/,
    );
    expect(done.stderr).toMatch(/give one --token per --url/);
    expect(leaks(done.everything, stack.front.tokens.full)).toEqual([]);
    expect(stack.front.requests).toHaveLength(0);
    // One --url still takes it, as documented.
    const one = await run(['ping', '--url', stack.front.url], env);
    expect(one.code).toBe(0);
  });
});

describe('an option of one value, given twice', () => {
  it('is refused naming the option, without quoting its values', async () => {
    const base = ['status', '--url', stack.front.url, '--token', stack.front.tokens.full];
    const prefix = await run([...base, '--key-prefix', 'a', '--key-prefix', 'b']);
    expect(prefix.code).toBe(1);
    expect(prefix.stderr).toMatch(/--key-prefix was given more than once: it takes one value/);
    const secret = 'qstash-SECRET-0123456789abcdef';
    const qstash = await run([
      ...base,
      '--qstash-token',
      secret,
      '--qstash-token',
      secret,
      '--json',
    ]);
    const answer = JSON.parse(qstash.stdout) as { error: { kind: string; message: string } };
    expect(answer.error).toMatchObject({ kind: 'input' });
    expect(answer.error.message).toMatch(/^--qstash-token was given more than once/);
    expect(leaks(qstash.everything, secret)).toEqual([]);
    expect(stack.front.requests).toHaveLength(0);
  });

  it('a flag given twice, or --help among repeated options, is not refused', async () => {
    const env = {
      UPSTASH_REDIS_REST_URL: stack.front.url,
      UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full,
    };
    const json = await run(['ping', '--json', '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    const help = await run(['--help', '--shard', '1/2', '--shard', '2/2']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--url/);
  });
});
