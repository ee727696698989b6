// Starts a real redis-server on a free loopback port, with two ACL users that mirror Upstash's
// two tokens: `keepalive` may do everything, `readonly` may only read (NOPERM otherwise).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RespConnection } from './resp.ts';

/** Throws, with the command that installs it, when redis-server is not on this machine. */
export function requireRedisServer(): void {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      "redis-server is not installed: the tests and the demo run against a real Redis. Install it with 'apt-get update && apt-get install -y redis-server' (.ci/run does this).",
    );
  }
}

export interface RedisOptions {
  /** A server whose default user needs this password (redis://default:PASSWORD@…). */
  requirepass?: string;
  /** TLS only (no plain port), with this certificate; clients are not asked for theirs. */
  tls?: { cert: string; key: string; ca: string; caPem: string };
  /**
   * A one-node Redis Cluster holding every slot: a command whose keys hash to different slots is
   * refused with CROSSSLOT, as on any cluster.
   */
  cluster?: boolean;
}

export interface RedisServer {
  port: number;
  /** Connects as the full-access user (or with requirepass): for seeding and inspecting. */
  admin(): Promise<RespConnection>;
  /** full: everything; readOnly: reads only (like Upstash's read-only token); noSelect: all but
   * SELECT; noTime: all but TIME (like a host that refuses the clock in scripts). */
  users: { full: RedisUser; readOnly: RedisUser; noSelect: RedisUser; noTime: RedisUser };
  stop(): Promise<void>;
}

export interface RedisUser {
  name: string;
  password: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-redis-'));
  const users = {
    full: { name: 'keepalive', password: 'full-secret-password' },
    readOnly: { name: 'readonly', password: 'read-only-secret-password' },
    noSelect: { name: 'noselect', password: 'no-select-secret-password' },
    noTime: { name: 'notime', password: 'no-time-secret-password' },
  };
  const access = options.requirepass
    ? ['--requirepass', options.requirepass]
    : [
        // Each ACL rule is its own argument: redis-server joins them into one config line.
        ...['--user', 'default', 'off'],
        ...['--user', users.full.name, 'on', `>${users.full.password}`, '~*', '&*', '+@all'],
        ...['--user', users.readOnly.name, 'on', `>${users.readOnly.password}`, '~*', '&*'],
        ...['-@all', '+@read', '+@connection', '+ping', '-@dangerous'],
        ...['--user', users.noSelect.name, 'on', `>${users.noSelect.password}`, '~*', '&*'],
        ...['+@all', '-select'],
        ...['--user', users.noTime.name, 'on', `>${users.noTime.password}`, '~*', '&*'],
        ...['+@all', '-time'],
      ];
  const listen = options.tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const tlsFiles = options.tls
    ? [
        ...['--tls-cert-file', options.tls.cert, '--tls-key-file', options.tls.key],
        ...['--tls-ca-cert-file', options.tls.ca],
      ]
    : [];
  const admin = async () => {
    const conn = await RespConnection.connect(port, '127.0.0.1', options.tls?.caPem);
    if (options.requirepass) await conn.call('AUTH', options.requirepass);
    else await conn.call('AUTH', users.full.name, users.full.password);
    return conn;
  };
  const child: ChildProcess = spawn(
    'redis-server',
    [
      ...listen,
      ...tlsFiles,
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...(options.cluster ? ['--cluster-enabled', 'yes'] : []),
      ...access,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );

  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      (await admin()).close();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${stderr}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (options.cluster) await claimEverySlot(await admin());
  return {
    port,
    admin,
    users,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Gives this node all 16,384 slots and waits until the cluster says it is ok. */
async function claimEverySlot(conn: RespConnection): Promise<void> {
  await conn.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  const deadline = Date.now() + 10_000;
  while (!String(await conn.call('CLUSTER', 'INFO')).includes('cluster_state:ok')) {
    if (Date.now() > deadline) throw new Error('the one-node cluster did not become ok');
    await new Promise((r) => setTimeout(r, 50));
  }
  conn.close();
}

/** Servers still running: stopped when the test process ends, even after a test that failed
 * before its stop() (a redis-server would otherwise outlive the run, holding its port). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** An authenticated connection as the full-access user, for inspecting and seeding data. */
export function adminConnection(server: RedisServer): Promise<RespConnection> {
  return server.admin();
}
