// Faults of the transports that must end quickly and say what to fix: a server asking for a long
// pause, a database index that cannot be selected, a TLS URL on a plain port, a web port behind
// a redis:// URL, a server in protected mode, a full database, an ACL user without a permission.

import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, type Inputs } from '../support/action.ts';
import { snapshot, useStack } from '../support/fixtures.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';

const stack = useStack();
const full = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  ...extra,
});
const tcp = (user: { name: string; password: string }, path = '') =>
  `redis://${user.name}:${user.password}@127.0.0.1:${stack.redis.port}${path}`;

let web: http.Server;
let denied: net.Server;
let full_: RedisServer;
const port = (server: net.Server | http.Server) => (server.address() as net.AddressInfo).port;

beforeAll(async () => {
  web = http.createServer((_req, res) => res.end('<html>hello</html>'));
  denied = net.createServer((socket) => {
    socket.end('-DENIED Redis is running in protected mode because protected mode is enabled\r\n');
  });
  await Promise.all([
    new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => denied.listen(0, '127.0.0.1', resolve)),
  ]);
  full_ = await startRedis({ requirepass: 'a-full-database-password' });
  const admin = await full_.admin();
  await admin.call('CONFIG', 'SET', 'maxmemory', '1');
  admin.close();
});
afterAll(async () => {
  web.close();
  denied.close();
  await full_.stop();
});

describe('Retry-After', () => {
  it.each([
    ['3600 seconds', () => '3600'],
    ['an HTTP date a day ahead', () => new Date(Date.now() + 86_400_000).toUTCString()],
  ])(
    'a 503 asking for %s is not waited for: one attempt, and the message says why',
    async (_, value) => {
      stack.front.intercept = (_req, res) => {
        res.writeHead(503, { 'Retry-After': value() }).end('{"error":"maintenance"}');
        return true;
      };
      const started = Date.now();
      const run = await runInProcess(full());
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(run.outputs).toMatchObject({ ok: 'false', attempts: '1' });
      expect(run.outputs.error).toMatch(
        /not retried: it asked to wait \d+ s \(Retry-After\), more than the 30 s/,
      );
    },
  );

  it('a short Retry-After on a 503 is honoured, and the retry line says so', async () => {
    stack.front.intercept = (_req, res, index) => {
      if (index > 0) return false;
      res.writeHead(503, { 'Retry-After': '1' }).end('{"error":"busy"}');
      return true;
    };
    const run = await runInProcess(full());
    expect(run.outputs).toMatchObject({ ok: 'true', attempts: '2' });
    expect(run.stdout).toMatch(/Retrying in 1\.0 s, as the server asked \(Retry-After\)\./);
  });
});

describe('redis:// database index', () => {
  it('an index out of range fails the run naming it; database 0 is untouched', async () => {
    const run = await runInProcess({
      url: tcp(stack.redis.users.full, '/16'),
      mode: 'maintenance',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /database 16 cannot be selected \(ERR DB index is out of range\)/,
    );
    expect(await snapshot(stack.admin)).toEqual(new Map());
  });

  it('a user that may not SELECT fails the run the same way', async () => {
    const run = await runInProcess({
      url: tcp(stack.redis.users.noSelect, '/1'),
      mode: 'maintenance',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/database 1 cannot be selected \(NOPERM/);
    expect(await snapshot(stack.admin)).toEqual(new Map());
  });

  it('a database that exists is used', async () => {
    const run = await runInProcess({ url: tcp(stack.redis.users.full, '/3'), mode: 'maintenance' });
    expect(run.exitCode).toBe(0);
    expect(await snapshot(stack.admin)).toEqual(new Map()); // database 0
  });
});

describe('messages that send people the right way', () => {
  it('an ACL user without write permission is told about its permissions, not the REST token', async () => {
    const run = await runInProcess({ url: tcp(stack.redis.users.readOnly), mode: 'maintenance' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /database user of .* may not run a command the keep-alive needs \(.*NOPERM/,
    );
    expect(run.outputs.error).not.toMatch(/REST token/);
  });

  it('a full database (maxmemory) is reported as such, not as a key-prefix problem', async () => {
    const url = `redis://default:a-full-database-password@127.0.0.1:${full_.port}`;
    const run = await runInProcess({ url, mode: 'maintenance' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(/is out of memory and refused the write \(OOM/);
    expect(run.outputs.error).toMatch(/memory limit/);
    expect(run.outputs.error).not.toMatch(/key prefix|key-prefix/);
  });

  it('rediss:// on a plain port: a TLS message at once, no retries', async () => {
    const started = Date.now();
    const run = await runInProcess({
      url: `rediss://127.0.0.1:${stack.redis.port}`,
      'timeout-seconds': '3',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('1');
    expect(run.outputs.error).toMatch(/TLS handshake .*(does not speak TLS|did not complete)/);
    expect(run.outputs.error).toMatch(/for a plain port use redis:\/\//);
    expect(Date.now() - started).toBeLessThan(3_000 + 2_500);
  });

  it('redis:// on a web port says it speaks HTTP and points at the REST URL', async () => {
    const run = await runInProcess({ url: `redis://127.0.0.1:${port(web)}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.attempts).toBe('1');
    expect(run.outputs.error).toMatch(/speaks HTTP, not the Redis protocol.*REST URL/s);
  });

  it('a server in protected mode is named as such', async () => {
    const run = await runInProcess({ url: `redis://127.0.0.1:${port(denied)}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.error).toMatch(
      /refused the connection: DENIED Redis is running in protected mode.*protected mode/s,
    );
  });
});

describe('the token never travels in clear', () => {
  it.each(['http://eu1-cat.upstash.io', 'http://10.0.0.5:8080', 'http://127.example.com'])(
    '%s is refused before any request, pointing at https://',
    async (url) => {
      const run = await runInProcess(full({ url }));
      expect(run.exitCode).toBe(1);
      expect(run.outputs.error).toMatch(
        /must start with https:\/\/: over http:\/\/ the token would cross the network in clear/,
      );
      expect(stack.front.requests).toHaveLength(0);
    },
  );

  it('http:// to this machine stays accepted (a local endpoint)', async () => {
    const local = stack.front.url.replace('127.0.0.1', 'localhost');
    const run = await runInProcess(full({ url: local }));
    expect(run.exitCode).toBe(0);
  });
});
