import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input-error.ts';
import { parseSettings, type Settings } from '../../src/inputs/index.ts';

const base = { url: 'https://eu1-happy-cat-12345.upstash.io', token: 'AXabc123=' };

function parse(inputs: Record<string, string>): Settings {
  return parseSettings((name) => inputs[name] ?? '');
}

function refusal(inputs: Record<string, string>): InputError {
  try {
    parse(inputs);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(inputs)}`);
}

describe('parseSettings', () => {
  it('applies the documented defaults', () => {
    expect(parse(base)).toEqual({
      connections: [
        {
          kind: 'rest',
          url: 'https://eu1-happy-cat-12345.upstash.io',
          database: 'eu1-happy-cat-12345.upstash.io',
          token: 'AXabc123=',
          source: "input 'url'",
          tokenSource: "input 'token'",
        },
      ],
      failOn: 'any',
      mode: 'maintenance',
      keyPrefix: 'upstash-keepalive',
      timeoutMs: 10_000,
      maxAttempts: 3,
      maxAgeHours: undefined,
      historySize: 90,
      maxMissedRuns: undefined,
      concurrency: 32,
      shard: undefined,
      upkeep: {
        keepWorkflowAlive: false,
        keepAliveAfterDays: 45,
        warnAfterDays: 50,
        githubToken: '',
        alertIssue: false,
        webhookUrl: undefined,
      },
    });
  });

  it('reads every input', () => {
    const s = parse({
      ...base,
      mode: 'Maintenance',
      'key-prefix': 'myapp:keepalive',
      'timeout-seconds': '2.5',
      'max-attempts': '5',
      'max-age-hours': '36',
    });
    expect(s).toMatchObject({
      mode: 'maintenance',
      keyPrefix: 'myapp:keepalive',
      timeoutMs: 2500,
      maxAttempts: 5,
      maxAgeHours: 36,
    });
  });

  it('tolerates what people paste: whitespace, newlines, Bearer prefix, trailing slash', () => {
    const s = parse({
      url: '  https://eu1-happy-cat-12345.upstash.io/ \n',
      token: '\n Bearer AXabc123=  \n',
      mode: ' status\n',
      'timeout-seconds': ' 5 ',
    });
    expect(s.connections[0]).toMatchObject({
      url: 'https://eu1-happy-cat-12345.upstash.io',
      token: 'AXabc123=',
    });
    expect(s.mode).toBe('status');
    expect(s.timeoutMs).toBe(5000);
  });

  it('keeps the trailing = of a token and a local http URL with a port', () => {
    const s = parse({ url: 'http://127.0.0.1:8079', token: 'abcdefgh==' });
    expect(s.connections[0]).toMatchObject({ token: 'abcdefgh==', database: '127.0.0.1:8079' });
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      'keep-workflow-alive not a boolean',
      { ...base, 'keep-workflow-alive': 'yes' },
      /Input 'keep-workflow-alive' must be true or false; got 'yes'/,
    ],
    [
      'alert-issue not a boolean',
      { ...base, 'alert-issue': '1' },
      /Input 'alert-issue' must be true or false/,
    ],
    [
      'keep-alive-after-days negative',
      { ...base, 'keep-alive-after-days': '-1' },
      /Input 'keep-alive-after-days' must be a number of days/,
    ],
    [
      'webhook-url not a URL',
      { ...base, 'webhook-url': 'hooks.slack.com/x' },
      /Input 'webhook-url' is not a valid URL/,
    ],
    [
      'webhook-url with credentials',
      { ...base, 'webhook-url': 'https://user:pass@hooks.slack.com/services/x' },
      /Input 'webhook-url' must not contain user:password@/,
    ],
    [
      'webhook-url not https',
      { ...base, 'webhook-url': 'ftp://hooks.example/x' },
      /Input 'webhook-url' must start with https:\/\//,
    ],
    [
      'empty url',
      { ...base, url: '  ' },
      /Input 'url' is required: .*https:\/\/<name>\.upstash\.io.*UPSTASH_REDIS_REST_URL \+ UPSTASH_REDIS_REST_TOKEN, KV_REST_API_URL \+ KV_REST_API_TOKEN, UPSTASH_REDIS_URL, REDIS_URL, VALKEY_URL/,
    ],
    [
      'url not a URL',
      { ...base, url: 'eu1-happy-cat.upstash.io' },
      /Input 'url' is not a valid URL/,
    ],
    ['ftp url', { ...base, url: 'ftp://x.example' }, /Input 'url' must start with https:\/\//],
    [
      'url with credentials',
      { ...base, url: 'https://u:p@x.upstash.io' },
      /Input 'url' must not contain credentials/,
    ],
    [
      'url with query',
      { ...base, url: 'https://x.upstash.io?_token=abc' },
      /Input 'url' must not contain a query string/,
    ],
    ['empty token', { ...base, token: ' \n' }, /Input 'token' is required: the REST token/],
    ['bare Bearer', { ...base, token: 'Bearer ' }, /Input 'token' is required/],
    [
      'token with a line break inside',
      { ...base, token: 'AXabc\n123=' },
      /Input 'token' contains whitespace/,
    ],
    [
      'unknown mode',
      { ...base, mode: 'flush' },
      /Input 'mode' must be one of ping, maintenance, status; got 'flush'/,
    ],
    [
      'prefix with space',
      { ...base, 'key-prefix': 'my app' },
      /Input 'key-prefix' must not contain whitespace/,
    ],
    [
      'prefix with glob',
      { ...base, 'key-prefix': 'app*' },
      /Input 'key-prefix' must not contain the glob characters/,
    ],
    [
      'prefix with bracket',
      { ...base, 'key-prefix': 'app[1]' },
      /Input 'key-prefix' must not contain the glob/,
    ],
    [
      'prefix too long',
      { ...base, 'key-prefix': 'x'.repeat(129) },
      /Input 'key-prefix' must be at most 128 characters/,
    ],
    [
      'timeout text',
      { ...base, 'timeout-seconds': 'ten' },
      /Input 'timeout-seconds' must be a number of seconds from 0.1 to 300; got 'ten'/,
    ],
    [
      'timeout zero',
      { ...base, 'timeout-seconds': '0' },
      /Input 'timeout-seconds' must be a number of seconds from 0.1 to 300/,
    ],
    ['timeout negative', { ...base, 'timeout-seconds': '-5' }, /Input 'timeout-seconds'/],
    [
      'timeout huge',
      { ...base, 'timeout-seconds': '3600' },
      /Input 'timeout-seconds' .*from 0.1 to 300/,
    ],
    ['timeout with unit', { ...base, 'timeout-seconds': '10s' }, /Input 'timeout-seconds'/],
    [
      'attempts fractional',
      { ...base, 'max-attempts': '2.5' },
      /Input 'max-attempts' must be a whole number from 1 to 10; got '2.5'/,
    ],
    [
      'attempts zero',
      { ...base, 'max-attempts': '0' },
      /Input 'max-attempts' must be a whole number from 1 to 10/,
    ],
    [
      'attempts absurd',
      { ...base, 'max-attempts': '1000' },
      /Input 'max-attempts' must be a whole number from 1 to 10/,
    ],
    ['attempts text', { ...base, 'max-attempts': 'three' }, /Input 'max-attempts'/],
    [
      'max age text',
      { ...base, 'max-age-hours': 'a day' },
      /Input 'max-age-hours' must be a number of hours greater than 0, or empty/,
    ],
    ['max age zero', { ...base, 'max-age-hours': '0' }, /Input 'max-age-hours'/],
  ];

  it.each(bad)('refuses %s, naming the input and what is accepted', (_, inputs, message) => {
    const error = refusal(inputs);
    expect(error.message).toMatch(message);
    expect(error.kind).toBe('input');
    expect(error.retryable).toBe(false);
    expect(error.describe()).toContain(`Fix: change '${error.input}'`);
  });

  it('never echoes the token in a refusal', () => {
    const error = refusal({ ...base, token: 'AXsecret\nvalue=' });
    expect(error.describe()).not.toContain('AXsecret');
  });
});
