// rediss:// with a certificate from a CA the runner trusts through NODE_EXTRA_CA_CERTS, as
// self-hosted runners behind a company CA do. Node reads the variable when a process starts, so
// only a new process of dist/index.js can show it.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDist } from '../support/action.ts';
import { leaks } from '../support/fixtures.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { testCertificateAuthority, type TestCa } from '../support/tls.ts';

const PASSWORD = 'tls-Pa55/w=rd+x';
let secure: RedisServer;
let ca: TestCa;

beforeAll(async () => {
  ca = testCertificateAuthority();
  secure = await startRedis({
    requirepass: PASSWORD,
    tls: { cert: ca.files.serverCert, key: ca.files.serverKey, ca: ca.files.caCert, caPem: ca.caCert },
  });
});
afterAll(async () => {
  await secure.stop();
  ca.remove();
});

it('verifies the certificate against NODE_EXTRA_CA_CERTS and works', async () => {
  const url = `rediss://default:${encodeURIComponent(PASSWORD)}@127.0.0.1:${secure.port}`;
  const run = await runDist({ url, mode: 'maintenance' }, { NODE_EXTRA_CA_CERTS: ca.files.caCert });
  expect(run.stderr).toBe('');
  expect(run.outputs).toMatchObject({ ok: 'true', 'maintenance-count': '1' });
  expect(leaks(run.everything, PASSWORD)).toEqual([]);
  // Without the variable the same server is refused: the trust came from it.
  const untrusted = await runDist({ url, mode: 'ping' });
  expect(untrusted.outputs.error).toMatch(/TLS\/certificate failure/);
});
