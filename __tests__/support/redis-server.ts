// Starts a real redis-server on a free loopback port, with two ACL users that mirror Upstash's
// two tokens: `keepalive` may do everything, `readonly` may only read (NOPERM otherwise).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RespConnection } from './resp.ts';

export interface RedisServer {
  port: number;
  users: { full: RedisUser; readOnly: RedisUser };
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

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-redis-'));
  const users = {
    full: { name: 'keepalive', password: 'full-secret-password' },
    readOnly: { name: 'readonly', password: 'read-only-secret-password' },
  };
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      // Each ACL rule is its own argument: redis-server joins them into one config line.
      ...['--user', 'default', 'off'],
      ...['--user', users.full.name, 'on', `>${users.full.password}`, '~*', '&*', '+@all'],
      ...['--user', users.readOnly.name, 'on', `>${users.readOnly.password}`, '~*', '&*'],
      ...['-@all', '+@read', '+@connection', '+ping', '-@dangerous'],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
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
      const conn = await RespConnection.connect(port);
      await conn.call('AUTH', users.full.name, users.full.password);
      conn.close();
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}: ${stderr}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    port,
    users,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An authenticated connection as the full-access user, for inspecting and seeding data. */
export async function adminConnection(server: RedisServer): Promise<RespConnection> {
  const conn = await RespConnection.connect(server.port);
  await conn.call('AUTH', server.users.full.name, server.users.full.password);
  return conn;
}
