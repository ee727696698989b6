// redis:// and rediss:// through the action in process, against real redis-servers: one with
// requirepass, one TLS-only with a certificate from a CA made for the test; and credentials from
// the usual environment variables. (A CA trusted through NODE_EXTRA_CA_CERTS, read when a process
// starts: __tests__/dist/tls.test.ts.)

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeTransport } from '../../src/transport/node.ts';
import { parseConnection } from '../../src/connections/index.ts';
import { runContext } from '../../src/run-context.ts';
import { keysFor, runMode } from '../../src/modes/index.ts';
import { runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { freePort, startRedis, type RedisServer } from '../support/redis-server.ts';
import { text } from '../support/resp.ts';
import { testCertificateAuthority, type TestCa } from '../support/tls.ts';

const PASSWORD = 'tcp-Pa55/w=rd+x';
const ENCODED = encodeURIComponent(PASSWORD);
const rest = useStack(); // the REST front, for the REST environment variables

let plain: RedisServer;
let secure: RedisServer;
let ca: TestCa;
let hung: net.Server;
let hungPort: number;

beforeAll(async () => {
  ca = testCertificateAuthority();
  [plain, secure] = await Promise.all([
    startRedis({ requirepass: PASSWORD }),
    startRedis({
      requirepass: PASSWORD,
      tls: {
        cert: ca.files.serverCert,
        key: ca.files.serverKey,
        ca: ca.files.caCert,
        caPem: ca.caCert,
      },
    }),
  ]);
  // Accepts connections and never answers a byte.
  hung = net.createServer(() => undefined);
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  hungPort = (hung.address() as net.AddressInfo).port;
});
afterAll(async () => {
  hung.close();
  await Promise.all([plain.stop(), secure.stop()]);
  ca.remove();
});

const url = (server: RedisServer, scheme = 'redis') =>
  `${scheme}://default:${ENCODED}@127.0.0.1:${server.port}`;

async function counter(server: RedisServer): Promise<string> {
  const conn = await server.admin();
  try {
    return text(await conn.call('GET', 'upstash-keepalive:count'));
  } finally {
    conn.close();
  }
}

function noLeak(run: ActionRun): void {
  expect(leaks(run.everything, PASSWORD)).toEqual([]);
  expect(leaks(run.everything, ENCODED)).toEqual([]);
}

describe('redis:// with the password in the URL', () => {
  it('pings, maintains and reports status', async () => {
    const ping = await runInProcess({ url: url(plain), mode: 'ping' });
    expect(ping.exitCode).toBe(0);
    expect(ping.outputs).toMatchObject({ reply: 'PONG', database: `127.0.0.1:${plain.port}` });
    const maintenance = await runInProcess({ url: url(plain), mode: 'maintenance' });
    expect(maintenance.outputs).toMatchObject({ ok: 'true', 'maintenance-count': '1' });
    expect(await counter(plain)).toBe('1');
    const status = await runInProcess({ url: url(plain), mode: 'status' });
    expect(status.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '1',
      'last-maintenance': maintenance.outputs['last-maintenance'],
    });
    for (const run of [ping, maintenance, status]) noLeak(run);
  });
});

describe('redis://host:port with the password in input token', () => {
  it('pings, maintains and reports status', async () => {
    const inputs: Inputs = { url: `redis://127.0.0.1:${plain.port}`, token: PASSWORD };
    const before = Number(await counter(plain).catch(() => '0'));
    const ping = await runInProcess({ ...inputs, mode: 'ping' });
    expect(ping.outputs.reply).toBe('PONG');
    const maintenance = await runInProcess({ ...inputs, mode: 'maintenance' });
    expect(maintenance.outputs['maintenance-count']).toBe(String(before + 1));
    const status = await runInProcess({ ...inputs, mode: 'status' });
    expect(status.outputs['maintenance-count']).toBe(String(before + 1));
    for (const run of [ping, maintenance, status]) noLeak(run);
  });
});

describe('TCP failures', () => {
  it('a wrong password fails with an authentication message and no retry', async () => {
    const run = await runInProcess({ url: `redis://default:wrong-one@127.0.0.1:${plain.port}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ ok: 'false', attempts: '1' });
    expect(run.outputs.error).toMatch(/rejected the password \(WRONGPASS/);
    expect(run.stdout).toMatch(/^::error::The database rejected the password/m);
    expect(leaks(run.everything, 'wrong-one')).toEqual([]);
  });

  it('no password for a server that needs one says so, with no retry', async () => {
    const run = await runInProcess({ url: `redis://127.0.0.1:${plain.port}`, mode: 'status' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ attempts: '1' });
    expect(run.outputs.error).toMatch(/rejected the password \(NOAUTH/);
  });

  it('a refused port fails within bounds, saying connection refused', async () => {
    const port = await freePort();
    const started = Date.now();
    const run = await runInProcess({ url: `redis://127.0.0.1:${port}`, 'timeout-seconds': '5' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/Connection refused by 127\.0\.0\.1:\d+/);
    expect(run.outputs.attempts).toBe('3');
    expect(Date.now() - started).toBeLessThan(1500 + 3500); // two backoffs + slack, no timeout
  });

  it('a server that never answers is cut at timeout-seconds on each attempt', async () => {
    const started = Date.now();
    const run = await runInProcess({
      url: `redis://127.0.0.1:${hungPort}`,
      token: PASSWORD,
      'timeout-seconds': '1',
      'max-attempts': '2',
    });
    const elapsed = Date.now() - started;
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ attempts: '2' });
    expect(run.outputs.error).toMatch(/No complete answer from 127\.0\.0\.1:\d+ within 1 s/);
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(2 * 1000 + 500 + 3000);
    noLeak(run);
  });
});

describe('rediss:// (TLS)', () => {
  it('refuses a certificate from an unknown CA, without retrying', async () => {
    const run = await runInProcess({ url: url(secure, 'rediss') });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('1');
    expect(run.outputs.error).toMatch(
      /TLS\/certificate failure .*(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO)/,
    );
    noLeak(run);
  });
});

describe('credentials from the environment when input url is empty', () => {
  const tcpVariables = ['UPSTASH_REDIS_URL', 'REDIS_URL', 'VALKEY_URL'];

  it.each(tcpVariables)('%s alone works, and is named but never printed', async (name) => {
    const run = await runInProcess({ mode: 'ping' }, { [name]: url(plain) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.reply).toBe('PONG');
    expect(run.stdout).toContain(`(URL from ${name})`);
    expect(run.summary).toContain(
      `| URL from | environment variable ${name.replace(/_/g, '\\_')} |`,
    );
    noLeak(run);
  });

  it.each([
    ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
  ])('%s + %s alone work', async (urlName, tokenName) => {
    const token = rest.front.tokens.full;
    const run = await runInProcess(
      { mode: 'maintenance' },
      { [urlName]: rest.front.url, [tokenName]: token },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs['maintenance-count']).toBe('1');
    expect(run.summary).toContain(
      `| URL from | environment variable ${urlName.replace(/_/g, '\\_')} |`,
    );
    expect(leaks(run.everything, token)).toEqual([]);
  });

  it('with none set, the error lists them all', async () => {
    const run = await runInProcess({ mode: 'ping' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /UPSTASH_REDIS_REST_URL \+ UPSTASH_REDIS_REST_TOKEN, KV_REST_API_URL \+ KV_REST_API_TOKEN, UPSTASH_REDIS_URL, REDIS_URL, VALKEY_URL/,
    );
  });
});

describe('one round trip per mode after connecting', () => {
  it.each(['ping', 'maintenance', 'status'] as const)('%s', async (mode) => {
    const connection = parseConnection(url(plain), '', {});
    const transport = await openNodeTransport(connection, 5000);
    const outcome = await runMode(transport, {
      mode,
      keys: keysFor('roundtrips'),
      context: runContext({}),
      now: new Date(),
      nonce: `round-trips-${mode}`,
      historySize: 90,
      target: connection,
    });
    expect(outcome.mode).toBe(mode);
    expect(transport.requests).toBe(1);
  });
});
