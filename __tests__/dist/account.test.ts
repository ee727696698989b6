// The built action with an Upstash account, started as the runner starts it: the databases come
// from the loopback Developer API, none through an environment variable, one of them over TLS
// (`endpoint` has no scheme) with a certificate trusted through NODE_EXTRA_CA_CERTS, which Node
// reads only when a process starts.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { runDist } from '../support/action.ts';
import {
  accountInputs,
  accountSecrets,
  accountTokens,
  onLoopback,
  useAccount,
} from '../support/account.ts';
import { leaks } from '../support/fixtures.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';
import { testCertificateAuthority, type TestCa } from '../support/tls.ts';
import { apiDatabase } from '../support/upstash-api.ts';

const world = useAccount();
let secure: RestFront;
let ca: TestCa;
beforeAll(async () => {
  ca = testCertificateAuthority();
  const cert = { key: ca.serverKey, cert: ca.serverCert };
  secure = await startRestFront(world.redis, { tls: cert, accepts: accountTokens });
  world.api.databases = [
    onLoopback(world, 1),
    apiDatabase(2, { endpoint: `localhost:${new URL(secure.url).port}` }),
  ];
});
afterAll(async () => {
  await secure.close();
  ca.remove();
});

it('keeps the account alive over https:// + endpoint, trusting NODE_EXTRA_CA_CERTS', async () => {
  const run = await runDist(accountInputs(world.api), { NODE_EXTRA_CA_CERTS: ca.files.caCert });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  expect(secure.requests.map((q) => q.path)).toEqual(['/multi-exec']);
  const counts = JSON.parse(run.outputs['upstash-commands-7d'] ?? '[]') as { name: string }[];
  expect(counts.map((c) => c.name)).toEqual(['db-00001', 'db-00002']);
  for (const secret of accountSecrets(world.api)) {
    expect(leaks(run.everything, secret), secret).toEqual([]);
  }
  // Without the variable the same endpoint is refused: the trust came from it, not from http://.
  const untrusted = await runDist({ ...accountInputs(world.api), mode: 'ping' });
  expect(untrusted.outputs.error).toMatch(/localhost:\d+ \(TLS\/certificate failure/);
});
