// The Upstash account as a source of databases, run in process: a loopback Developer API whose
// databases are real redis-servers behind the REST front, one of them over TLS (`endpoint` has
// no scheme: a name is https://, an IP address of this machine a local stand-in, http://).
// Every run's output, log and summary are scanned for every secret the account holds.

import tls from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { accountInputs, accountSecrets, accountTokens, useAccount } from '../support/account.ts';
import { leaks } from '../support/fixtures.ts';
import { startFakeGitHub, startWebhookReceiver } from '../support/github-api.ts';
import { startRestFront, type RestFront } from '../support/rest-front.ts';
import { testCertificateAuthority, type TestCa } from '../support/tls.ts';
import { apiDatabase } from '../support/upstash-api.ts';

const world = useAccount();
let secure: RestFront;
let ca: TestCa;
const trusted = tls.getCACertificates('default');

beforeAll(async () => {
  ca = testCertificateAuthority();
  const cert = { key: ca.serverKey, cert: ca.serverCert };
  secure = await startRestFront(world.redis, { tls: cert, accepts: accountTokens });
  // What NODE_EXTRA_CA_CERTS does for a runner behind a private CA, for this process only.
  tls.setDefaultCACertificates([...trusted, ca.caCert]);
});
afterAll(async () => {
  tls.setDefaultCACertificates(trusted);
  await secure.close();
  ca.remove();
});

/** Three free databases (the second over TLS) and a paid one, as the account lists them. */
beforeEach(() => {
  secure.requests.length = 0;
  const { api, front } = world;
  const local = (n: number) => `127.0.0.${n}:${new URL(front.url).port}`;
  api.databases = [
    apiDatabase(1, { endpoint: local(2) }),
    apiDatabase(2, { endpoint: `localhost:${new URL(secure.url).port}` }),
    apiDatabase(3, { endpoint: local(3), region: 'us-east-1' }),
    apiDatabase(4, { endpoint: local(4), type: 'paid', database_name: 'shop-prod' }),
  ];
  api.daily = new Map(api.databases.map((d, i) => [d.database_id, [5, 0, 3, 1, 2, 4, 0 + i]]));
  // Today's count is what the REST front received for that endpoint: Upstash's side of the run.
  api.today = (d) =>
    [...front.requests, ...secure.requests].filter((r) => r.headers.host === d.endpoint).length;
});

const run = (extra: Inputs = {}) => runInProcess({ ...accountInputs(world.api), ...extra });
const results = (r: ActionRun) =>
  JSON.parse(r.outputs.results ?? '[]') as { database: string; ok: boolean; source: string }[];
const counted = (r: ActionRun) =>
  JSON.parse(r.outputs['upstash-commands-7d'] ?? '[]') as {
    database: string;
    name: string;
    today: number;
    'last-7-days': number;
    daily: { day: string; commands: number }[];
  }[];
function noSecret(r: ActionRun): void {
  for (const secret of accountSecrets(world.api))
    expect(leaks(r.everything, secret), secret).toEqual([]);
}

describe('every database of the account, in one step', () => {
  it('keeps the free ones alive with their own token, one over TLS, and leaves the paid one out', async () => {
    const r = await run();
    expect(r.exitCode).toBe(0);
    const [one, two, three] = world.api.databases;
    expect(results(r).map((d) => d.database)).toEqual([
      one?.endpoint,
      two?.endpoint,
      three?.endpoint,
    ]);
    expect(results(r).every((d) => d.ok && d.source.startsWith('the Upstash account'))).toBe(true);
    // Each with its own full token; the TLS one through the front that speaks https only.
    const writes = world.front.requests.filter((q) => q.path === '/multi-exec');
    expect(writes.map((q) => q.headers.authorization).sort()).toEqual(
      [one, three].map((d) => `Bearer ${String(d?.rest_token)}`).sort(),
    );
    expect(secure.requests.map((q) => q.headers.authorization)).toEqual([
      `Bearer ${String(two?.rest_token)}`,
    ]);
    expect(world.front.requests.some((q) => q.headers.host?.startsWith('127.0.0.4'))).toBe(false);
    expect(String(await world.admin.call('GET', 'upstash-keepalive:count'))).toBe('3');
    expect(r.stdout).toMatch(/Upstash account: 4 Redis databases listed; 3 selected for this run/);
    expect(r.summary).toMatch(/1 paid left out: 'shop-prod' \(Upstash never archives/);
    expect(world.api.requests.every((q) => q.method === 'GET')).toBe(true);
    for (const d of world.api.databases) {
      for (const token of [d.rest_token, d.read_only_rest_token]) {
        expect(r.stdout).toContain(`::add-mask::${String(token)}`);
      }
    }
    const firstMask = r.stdout.indexOf('::add-mask::');
    expect(r.stdout.slice(0, firstMask)).not.toMatch(/Upstash account/);
    noSecret(r);
  });

  it('include-paid keeps the paid one alive too; ping and status use the read-only token', async () => {
    const r = await run({ 'include-paid': 'true', mode: 'ping' });
    expect(results(r)).toHaveLength(4);
    const used = [...world.front.requests, ...secure.requests].map((q) => q.headers.authorization);
    expect(used.every((a) => a?.startsWith('Bearer AnreadOnlyAccountToken'))).toBe(true);
    noSecret(r);
  });

  it('a glob on names selects one, and its summary has the chart of what Upstash counted', async () => {
    const r = await run({ 'databases-matching': 'nothing-*\n*-?0002' });
    expect(results(r).map((d) => d.database)).toEqual([world.api.databases[1]?.endpoint]);
    expect(r.stdout).toMatch(/3 not matching input 'databases-matching'/);
    expect(r.summary).toMatch(
      /```mermaid\nxychart-beta\n {4}title "Commands Upstash counted per day/,
    );
    expect(r.summary).toMatch(/\| Upstash commands \| 1 today, 16 over the last 7 days/);
    expect(r.summary).toMatch(/\| URL from \| the Upstash account \('db-00002'\) \|/);
    noSecret(r);
  });

  it('shows what Upstash counted in the summary and the output', async () => {
    const r = await run();
    const counts = counted(r);
    expect(counts.map((c) => c.name)).toEqual(['db-00001', 'db-00002', 'db-00003']);
    // Each database's request of this run is in Upstash's count of today.
    expect(counts.map((c) => c.today)).toEqual([1, 1, 1]);
    expect(counts[0]?.['last-7-days']).toBe(5 + 0 + 3 + 1 + 2 + 4 + 1);
    expect(counts[0]?.daily).toHaveLength(7);
    expect(counts[0]?.daily.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    expect(r.summary).toMatch(/\| Upstash commands \(today \/ 7 days\) \|/);
    expect(r.summary).toMatch(/\| 1 \/ 16 \|/);
    expect(r.stdout).toMatch(
      /127\.0\.0\.2:\d+: Upstash counted 1 commands today, 16 over the last 7 days/,
    );
  });

  it('status fails a database on which Upstash counted too few commands', async () => {
    world.api.daily.set(world.api.databases[2]?.database_id ?? '', [0, 0, 0, 0, 0, 0, 0]);
    const r = await run({ mode: 'status', 'min-upstash-commands-7d': '3' });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.error).toMatch(
      /Upstash counted 1 commands on 127\.0\.0\.3:\d+ \('db-00003'\) over the last 7 days, fewer than input 'min-upstash-commands-7d' 3/,
    );
    expect(results(r).map((d) => d.ok)).toEqual([true, true, false]);
  });
});

describe('a database the console does not show active', () => {
  it('is a failure that says what the console shows and what to do; the others are kept alive', async () => {
    Object.assign(world.api.databases[0] ?? {}, { state: 'suspended' });
    const r = await run();
    expect(r.exitCode).toBe(1);
    expect(r.outputs.error).toMatch(
      /Database 'db-00001' \(127\.0\.0\.2:\d+\) is suspended in the Upstash console, not active/,
    );
    expect(r.summary).toMatch(/open 'db-00001' in the Upstash console/);
    expect(results(r).map((d) => d.ok)).toEqual([true, true, false]);
    expect(world.front.requests.some((q) => q.headers.host?.startsWith('127.0.0.2'))).toBe(false);
    noSecret(r);
  });
});

describe('when the account cannot be read', () => {
  const given = () => ({ url: world.front.url, token: world.front.tokens.full });

  it('the API down: url and token databases still run, with a warning', async () => {
    const r = await runInProcess({
      ...given(),
      ...accountInputs(world.api),
      'upstash-api-url': 'http://127.0.0.1:9',
      'max-attempts': '1',
    });
    expect(r.exitCode).toBe(0);
    expect(results(r)).toHaveLength(1);
    expect(r.stdout).toMatch(
      /::warning::The Upstash account could not be read, so only the databases given by url and token were kept alive: Connection refused by the Upstash Developer API \(127\.0\.0\.1:9\)/,
    );
    // With nothing else to keep alive, that is the run's failure.
    const alone = await run({ 'upstash-api-url': 'http://127.0.0.1:9', 'max-attempts': '1' });
    expect(alone.exitCode).toBe(1);
    expect(alone.outputs.error).toMatch(/^Connection refused by the Upstash Developer API/);
  });

  it('a rejected key names the inputs and the accounts the API does not serve', async () => {
    const r = await runInProcess({
      ...given(),
      ...accountInputs(world.api),
      'upstash-api-key': 'a-wrong-key-0000000000000000',
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs.error).toMatch(
      /^The Upstash Developer API \(127\.0\.0\.1:\d+\) rejected input 'upstash-email' and input 'upstash-api-key' \(HTTP 401 Unauthorized: "Unauthorized"\)\. The 1 database given by url and token was kept alive\. Fix: .*Account → Management API.*Vercel or Fly\.io .*url and token/,
    );
    expect(results(r).map((d) => d.ok)).toEqual([true]);
    expect(leaks(r.everything, 'a-wrong-key-0000000000000000')).toEqual([]);
  });

  it('an account that lists nothing (made through Vercel or Fly.io?) says to use url and token', async () => {
    world.api.databases = [];
    const alone = await run();
    expect(alone.exitCode).toBe(1);
    expect(alone.outputs.error).toMatch(
      /^No database to keep alive: 0 Redis databases listed; 0 selected for this run\. The Upstash account lists no Redis database\. An account made through Vercel or Fly\.io is not served by the Developer API: give its databases by url and token\./,
    );
    const r = await runInProcess({ ...given(), ...accountInputs(world.api) });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/::warning::The Upstash account lists no Redis database/);
  });

  it('the variables of Upstash CLI turn it on; a key without an e-mail names the input', async () => {
    const env = { UPSTASH_EMAIL: world.api.email, UPSTASH_API_KEY: world.api.apiKey };
    const r = await runInProcess({ 'upstash-api-url': world.api.url, mode: 'ping' }, env);
    expect(results(r)).toHaveLength(3);
    noSecret(r);
    const half = await runInProcess({ 'upstash-api-key': world.api.apiKey, url: world.front.url });
    expect(half.outputs.error).toMatch(
      /^Input 'upstash-email' is required with input 'upstash-api-key'/,
    );
  });
});

describe('the alerts about the account', () => {
  it('an issue and a webhook message, with no secret even when a database echoes its token', async () => {
    const github = await startFakeGitHub();
    const hook = await startWebhookReceiver();
    Object.assign(world.api.databases[0] ?? {}, { state: 'suspended' });
    const echoing = String(world.api.databases[2]?.rest_token);
    world.front.intercept = (request, response) => {
      if (request.headers.authorization !== `Bearer ${echoing}`) return false;
      response.writeHead(400, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: `ERR token ${echoing} is not allowed here` }));
      return true;
    };
    const inputs = { 'alert-issue': 'true', 'webhook-url': hook.url, 'github-token': github.token };
    const r = await runInProcess(
      { ...accountInputs(world.api), ...inputs },
      { GITHUB_API_URL: github.url },
    ).finally(() => {
      world.front.intercept = undefined;
    });
    const sent = JSON.stringify([github.requests, hook.messages]);
    await Promise.all([github.close(), hook.close()]);
    expect(r.exitCode).toBe(1);
    expect(r.outputs.error).toMatch(/ERR token \*\*\* is not allowed here/);
    expect(github.issues.map((i) => i.title).join('\n')).toMatch(/127\.0\.0\.2/);
    expect(hook.messages).toHaveLength(1);
    for (const secret of accountSecrets(world.api))
      expect(sent.includes(secret), secret).toBe(false);
    noSecret(r);
  });
});
