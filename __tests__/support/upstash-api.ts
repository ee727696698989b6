// A loopback server speaking Upstash's Developer API as documented (../shared/NOTES.md):
//   GET /v2/redis/databases      → [database, …]  every Redis database of the account
//   GET /v2/redis/database/{id}  → database       one
//   GET /v2/redis/stats/{id}     → { daily_net_commands, dailyrequests: [{x, y}], total_monthly_requests,
//                                    total_monthly_script_requests, … }
// A database: database_id, database_name, endpoint (a host, no scheme), rest_token,
// read_only_rest_token, password, type (free, or paid), state (active, suspended, passive),
// region, db_request_limit, and more fields a client must ignore.
// Authorization: Basic base64(EMAIL:API_KEY); anything else → 401 (the docs do not show its body:
// here a plain text one, which a client must not need to read). Any method but GET → 405.
// Where the docs are silent it is adversarial but plausible: no pagination (one answer, however
// long), a rate limit answered 429 with Retry-After when `throttle` says so, `dailyrequests` with
// Go's time format ("2026-11-21 00:00:00 +0000 UTC"), and faults a test answers itself.

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ApiDatabase {
  database_id: string;
  database_name: string;
  endpoint: string;
  rest_token: unknown;
  read_only_rest_token: unknown;
  password: string;
  type: string;
  state: string;
  region: string;
  db_request_limit: number;
  [field: string]: unknown;
}

interface ApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** Answers a request itself (a fault): true when it did. */
type ApiInterceptor = (
  request: ApiRequest,
  response: http.ServerResponse,
  index: number,
) => boolean | Promise<boolean>;

export interface FakeUpstashApi {
  url: string;
  email: string;
  apiKey: string;
  databases: ApiDatabase[];
  /** Commands per day, oldest first, the last one today's, by database_id (7 zeros when unset). */
  daily: Map<string, number[]>;
  /** Today's count of a database, when set: its last day is read from it at each request. */
  today?: (database: ApiDatabase) => number;
  requests: ApiRequest[];
  /** The next `throttle` requests are answered 429 with `Retry-After: retryAfter`. */
  throttle: number;
  retryAfter: string;
  intercept: ApiInterceptor | undefined;
  close(): Promise<void>;
}

/** Go's time.Time String(): what Upstash's API (written in Go) prints for a time. */
const goTime = (day: Date) => `${day.toISOString().slice(0, 10)} 00:00:00 +0000 UTC`;

function stats(api: FakeUpstashApi, database: ApiDatabase) {
  const days = [...(api.daily.get(database.database_id) ?? [0, 0, 0, 0, 0, 0, 0])];
  if (api.today) days[days.length - 1] = api.today(database);
  const now = Date.now();
  const dailyrequests = days.map((y, i) => ({
    x: goTime(new Date(now - (days.length - 1 - i) * 86_400_000)),
    y,
  }));
  const total = days.reduce((a, b) => a + b, 0);
  return {
    throughput: dailyrequests.map(({ x }) => ({ x, y: 0 })),
    diskusage: [{ x: goTime(new Date(now)), y: 1024 }],
    days: dailyrequests.map(({ x }) => new Date(x.slice(0, 10)).toUTCString().slice(0, 3)),
    dailyrequests,
    daily_net_commands: days.at(-1) ?? 0,
    total_monthly_requests: total,
    total_monthly_script_requests: 0,
    total_monthly_billing: 0,
    command_counts: [],
  };
}

function answer(res: http.ServerResponse, [status, body, headers]: ReturnType<typeof route>) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(text);
}

/** The answer of one request: a status and a body (text, or JSON), and its headers. */
function route(
  api: FakeUpstashApi,
  request: ApiRequest,
): [number, unknown, http.OutgoingHttpHeaders?] {
  if (request.method !== 'GET') return [405, 'Method Not Allowed'];
  const expected = `Basic ${Buffer.from(`${api.email}:${api.apiKey}`).toString('base64')}`;
  if (request.authorization !== expected) return [401, 'Unauthorized'];
  if (api.throttle > 0) {
    api.throttle--;
    return [429, 'Too Many Requests', { 'Retry-After': api.retryAfter }];
  }
  if (request.path === '/v2/redis/databases') return [200, api.databases];
  const one = /^\/v2\/redis\/(database|stats)\/([^/]+)$/.exec(request.path);
  const database = api.databases.find((d) => d.database_id === one?.[2]);
  if (!one || !database) return [404, 'Not Found'];
  return [200, one[1] === 'database' ? database : stats(api, database)];
}

export async function startFakeUpstashApi(
  options: { tls?: { key: string; cert: string } } = {},
): Promise<FakeUpstashApi> {
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const request: ApiRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://api').pathname,
      authorization: req.headers.authorization,
    };
    api.requests.push(request);
    req.resume();
    void (async () => {
      if (await api.intercept?.(request, res, api.requests.length - 1)) return;
      answer(res, route(api, request));
    })();
  };
  const server = options.tls
    ? https.createServer(options.tls, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: FakeUpstashApi = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    email: 'keepalive-tests@example.com',
    apiKey: '3f1c2b9e-7a4d-4c1e-9b2f-8e6d5a4c3b2a',
    databases: [],
    daily: new Map(),
    requests: [],
    throttle: 0,
    retryAfter: '1',
    intercept: undefined,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
  return api;
}

/** A database as the API lists it, with tokens of its own (`n` makes them unique). */
export function apiDatabase(n: number, fields: Partial<ApiDatabase> = {}): ApiDatabase {
  const id = `1f2e3d4c-${String(n).padStart(4, '0')}-4b5a-9c8d-7e6f5a4b3c2d`;
  const tag = String(n).padStart(5, '0');
  return {
    database_id: id,
    database_name: `db-${tag}`,
    endpoint: `db-${tag}.upstash.io`,
    port: 6379,
    creation_time: 1_700_000_000,
    rest_token: `AXfullAccountToken${tag}qWxEcRvTbYnUmI0pLoKj=`,
    read_only_rest_token: `AnreadOnlyAccountToken${tag}ZxCvBnMaSdFg=`,
    password: `AccountPassw0rd${tag}HjKlQwErTy`,
    type: 'free',
    state: 'active',
    region: 'eu-west-1',
    primary_region: 'eu-west-1',
    tls: true,
    eviction: false,
    auto_upgrade: false,
    consistent: false,
    db_request_limit: 500_000,
    db_max_request_size: 10_485_760,
    ...fields,
  };
}
