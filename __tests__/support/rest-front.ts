// An Upstash-compatible REST front over a real redis-server, for tests and the demo.
// It follows Upstash's documented REST protocol (upstash.com/docs/redis/features/restapi):
//   POST /            body ["SET","k","v"]          → {"result": …} | 400 {"error": …}
//   POST /pipeline    body [["PING"],["INCR","c"]]  → 200 [{"result": …}|{"error": …}, …]
//   POST /multi-exec  same body, run in MULTI/EXEC  → 200 [...]; a command refused while
//                     queuing discards the whole transaction → 400 {"error": …}
//   GET|POST /cmd/arg/… path style; a POST body is the last argument; ?name=value appends
//   Authorization: Bearer <token> or ?_token=<token>; anything else → 401 {"error":"Unauthorized"}
//   Upstash-Encoding: base64 → every string reply except "OK" is base64-encoded
// Each token maps to a Redis ACL user, so the read-only token's NOPERM comes from Redis itself.

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RedisServer, RedisUser } from './redis-server.ts';
import { RedisReplyError, RespConnection, type RespValue } from './resp.ts';

interface RecordedRequest {
  method: string;
  path: string;
  /** The raw body as received. */
  body: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * Lets a test answer a request itself (a fault): return true when it did, false to let the front
 * answer, or 'lose-answer' to have the front run the request and then cut the connection
 * instead of answering (a reply lost on the way back).
 */
export type Interceptor = (
  request: RecordedRequest,
  response: http.ServerResponse,
  index: number,
) => boolean | 'lose-answer' | Promise<boolean | 'lose-answer'>;

export interface FrontOptions {
  tokens?: { full: string; readOnly: string };
  tls?: { key: string | Buffer; cert: string | Buffer };
  intercept?: Interceptor;
  /** More tokens than the pair: each database of a loopback Upstash account has its own. */
  accepts?: (token: string) => 'full' | 'readOnly' | undefined;
  /**
   * Listen on every loopback address (0.0.0.0): 127.0.0.2, 127.0.0.3… are then as many
   * databases, for a fleet on one machine.
   */
  everyLoopbackAddress?: boolean;
}

export interface RestFront {
  url: string;
  tokens: { full: string; readOnly: string };
  /** Every request received, faults included, in order. */
  requests: RecordedRequest[];
  intercept: Interceptor | undefined;
  close(): Promise<void>;
}

const DEFAULT_TOKENS = {
  full: 'AXfullTokenForTests0123456789abcdefABCDEF=',
  readOnly: 'AnreadOnlyTokenForTests0123456789abcdefAB=',
};

/** Commands that would change the state of a pooled connection: refused like Upstash does. */
const FORBIDDEN = new Set([
  'MULTI',
  'EXEC',
  'DISCARD',
  'WATCH',
  'UNWATCH',
  'AUTH',
  'HELLO',
  'SELECT',
  'QUIT',
  'RESET',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'MONITOR',
  'CLIENT',
]);

class Pool {
  private readonly idle = new Map<string, RespConnection[]>();
  private readonly all = new Set<RespConnection>();
  private readonly port: number;
  constructor(port: number) {
    this.port = port;
  }

  async use<T>(user: RedisUser, work: (conn: RespConnection) => Promise<T>): Promise<T> {
    const idle = this.idle.get(user.name) ?? [];
    this.idle.set(user.name, idle);
    let conn = idle.pop();
    while (conn && !conn.usable) conn = idle.pop();
    if (!conn) {
      conn = await RespConnection.connect(this.port);
      this.all.add(conn);
      await conn.call('AUTH', user.name, user.password);
    }
    try {
      return await work(conn);
    } finally {
      if (conn.usable) idle.push(conn);
    }
  }

  close(): void {
    for (const conn of this.all) conn.close();
  }
}

class ProtocolError extends Error {}

type Command = string[];

function toCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ProtocolError('ERR failed to parse command');
  }
  return value.map((arg: unknown) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new ProtocolError('ERR failed to parse command');
  });
}

function checkAllowed(command: Command): void {
  const name = (command[0] ?? '').toUpperCase();
  if (FORBIDDEN.has(name)) throw new ProtocolError(`ERR Command is not allowed: ${name}`);
}

function render(value: RespValue, base64: boolean): unknown {
  if (value instanceof RedisReplyError) return value.message;
  if (Buffer.isBuffer(value)) return base64 ? value.toString('base64') : value.toString('utf8');
  if (typeof value === 'string') {
    return base64 && value !== 'OK' ? Buffer.from(value).toString('base64') : value;
  }
  if (Array.isArray(value)) return value.map((v) => render(v, base64));
  return value;
}

function entry(value: RespValue, base64: boolean): { result: unknown } | { error: string } {
  return value instanceof RedisReplyError
    ? { error: value.message }
    : { result: render(value, base64) };
}

/** Responses whose answer is to be lost after the work is done. */
const losing = new WeakSet<http.ServerResponse>();

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (losing.has(res)) {
    res.socket?.destroy();
    return;
  }
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(json);
}

export async function startRestFront(
  redis: RedisServer,
  options: FrontOptions = {},
): Promise<RestFront> {
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const users = new Map<string, RedisUser>([
    [tokens.full, redis.users.full],
    [tokens.readOnly, redis.users.readOnly],
  ]);
  const pool = new Pool(redis.port);
  const requests: RecordedRequest[] = [];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://front');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      body: Buffer.concat(chunks).toString('utf8'),
      headers: req.headers,
    };
    requests.push(recorded);
    const intercepted = await front.intercept?.(recorded, res, requests.length - 1);
    if (intercepted === true) return;
    if (intercepted === 'lose-answer') losing.add(res);

    if (!['GET', 'HEAD', 'POST', 'PUT'].includes(recorded.method)) {
      send(res, 405, { error: 'Method Not Allowed' });
      return;
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : url.searchParams.get('_token');
    const role = token ? options.accepts?.(token) : undefined;
    const user = token ? (users.get(token) ?? (role && redis.users[role])) : undefined;
    if (!user) {
      send(res, 401, { error: 'Unauthorized' });
      return;
    }
    const base64 = req.headers['upstash-encoding']?.toString().toLowerCase() === 'base64';
    try {
      const segments = url.pathname
        .split('/')
        .filter((s) => s !== '')
        .map(decodeURIComponent);
      const first = segments[0]?.toLowerCase();
      if ((first === 'pipeline' || first === 'multi-exec') && segments.length === 1) {
        if (recorded.method !== 'POST') throw new ProtocolError('ERR POST is required');
        const parsed = parseBody(recorded.body);
        if (!Array.isArray(parsed) || parsed.length === 0) {
          throw new ProtocolError('ERR failed to parse pipeline request');
        }
        const commands = parsed.map(toCommand);
        commands.forEach(checkAllowed);
        if (first === 'pipeline') {
          const replies = await pool.use(user, (conn) => conn.send(commands));
          send(
            res,
            200,
            replies.map((r) => entry(r, base64)),
          );
        } else {
          await multiExec(res, pool, user, commands, base64);
        }
        return;
      }
      let command: Command;
      if (segments.length === 0) {
        if (recorded.method !== 'POST') throw new ProtocolError('ERR failed to parse command');
        command = toCommand(parseBody(recorded.body));
      } else {
        command = [...segments];
        if (recorded.body !== '') command.push(recorded.body);
        for (const [name, value] of url.searchParams) {
          if (name !== '_token') command.push(...(value === '' ? [name] : [name, value]));
        }
      }
      checkAllowed(command);
      const [reply] = await pool.use(user, (conn) => conn.send([command]));
      if (reply instanceof RedisReplyError) send(res, 400, { error: reply.message });
      else send(res, 200, { result: render(reply ?? null, base64) });
    } catch (error) {
      if (error instanceof ProtocolError) send(res, 400, { error: error.message });
      else send(res, 500, { error: `ERR internal error: ${String(error)}` });
    }
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) });
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  const host = options.everyLoopbackAddress ? '0.0.0.0' : '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;

  const front: RestFront = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    tokens,
    requests,
    intercept: options.intercept,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      pool.close();
    },
  };
  return front;
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new ProtocolError('ERR failed to parse command');
  }
}

async function multiExec(
  res: http.ServerResponse,
  pool: Pool,
  user: RedisUser,
  commands: Command[],
  base64: boolean,
): Promise<void> {
  const replies = await pool.use(user, (conn) => conn.send([['MULTI'], ...commands, ['EXEC']]));
  const queued = replies.slice(1, -1);
  const refused = queued.find((r): r is RedisReplyError => r instanceof RedisReplyError);
  if (refused) {
    send(res, 400, { error: refused.message });
    return;
  }
  const exec = replies[replies.length - 1];
  if (exec instanceof RedisReplyError) {
    send(res, 400, { error: exec.message });
    return;
  }
  if (!Array.isArray(exec)) {
    send(res, 500, { error: 'ERR transaction aborted' });
    return;
  }
  send(
    res,
    200,
    exec.map((r) => entry(r, base64)),
  );
}
