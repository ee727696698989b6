// A loopback QStash, written from QStash's documented API (upstash/docs, qstash/openapi.yaml):
//   POST   /v2/schedules/{destination}  Upstash-Cron (required), Upstash-Schedule-Id (same id:
//          updated in place, every setting replaced), Upstash-Method, Upstash-Retries,
//          Upstash-Forward-<Name>, Upstash-Redact-Fields; the body is kept as is
//          → 200 {"scheduleId"}; a bad id or cron → 400 {"error"}; a new id past `maxSchedules`
//          (the account's plan; the free plan holds 10) → 412 {"error"} ("Exceeded the maximum
//          number of schedules allowed"; its text is not documented: the one users report)
//   GET    /v2/schedules                 → 200 [Schedule]
//   GET    /v2/schedules/{id}            → 200 Schedule | 404 {"error": "Schedule not found"}
//   DELETE /v2/schedules/{id}            → 200
//   Authorization: Bearer <token>, else 401 {"error"}.
// `intercept`, when set, sees each request first (its body read) and may answer it itself (a
// hostile or slow QStash): it returns true when it did.
// A Schedule shows forwarded headers without their prefix, as {Canonical-Name: [value]}, a
// redacted one as "REDACTED:<sha256>". `fire(id)` delivers a schedule now, as QStash would:
// POST to its destination with the forwarded headers and the body, plus QStash's own headers.

import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Schedule {
  scheduleId: string;
  cron: string;
  destination: string;
  method: string;
  body: string;
  retries: number;
  createdAt: number;
  isPaused: boolean;
  /** Forwarded headers, canonical names, as delivered. */
  forward: Record<string, string>;
  redacted: string[];
}

/** Answers a request in place of the loopback QStash (true), or lets it answer (false). */
export type QStashInterceptor = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => boolean | Promise<boolean>;

export interface FakeQStash {
  url: string;
  token: string;
  schedules: Map<string, Schedule>;
  requests: { method: string; path: string }[];
  /** Schedules the account's plan holds (10, the free plan's, unless a test changes it). */
  maxSchedules: number;
  intercept: QStashInterceptor | undefined;
  /** Delivers the schedule now; resolves with the destination's status and body. */
  fire(id: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const canonical = (name: string) =>
  name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('-');

function view(s: Schedule) {
  const header: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(s.forward)) {
    const hidden = s.redacted.includes(name.toLowerCase());
    header[name] = [
      hidden ? `REDACTED:${createHash('sha256').update(value).digest('hex')}` : value,
    ];
  }
  const { scheduleId, cron, destination, method, body, retries, createdAt, isPaused } = s;
  return { scheduleId, cron, destination, method, body, retries, createdAt, isPaused, header };
}

/** A schedule of the user's own app, as the console would make it, to fill the account. */
export function appSchedule(id: string): Schedule {
  return {
    scheduleId: id,
    cron: '*/10 * * * *',
    destination: 'https://app.example.com/api/cron',
    method: 'POST',
    body: '{}',
    retries: 3,
    createdAt: Date.now(),
    isPaused: false,
    forward: {},
    redacted: [],
  };
}

function send(res: http.ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function create(req: http.IncomingMessage, destination: string, body: string): Schedule | string {
  const get = (name: string) => req.headers[name.toLowerCase()]?.toString();
  const cron = get('Upstash-Cron')?.trim() ?? '';
  if (!/^(CRON_TZ=\S+ )?\S+( \S+){4}$/.test(cron)) return 'invalid cron';
  const id = get('Upstash-Schedule-Id') ?? `scd_${randomUUID()}`;
  if (!/^[\w.-]+$/.test(id)) {
    return 'Schedule IDs can only contain alphanumeric characters, hyphens, periods, and underscores.';
  }
  if (!/^https?:\/\//.test(destination)) {
    return 'invalid destination url: endpoint has invalid scheme, add http:// or https://';
  }
  const forward: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    const match = /^upstash-forward-(.+)$/i.exec(name);
    if (match?.[1]) forward[canonical(match[1])] = String(value);
  }
  const contentType = get('Content-Type');
  if (contentType) forward['Content-Type'] = contentType;
  const redactSpec = get('Upstash-Redact-Fields') ?? '';
  const redacted = [...redactSpec.matchAll(/header\[([^\]]+)\]/gi)].map((m) =>
    (m[1] ?? '').toLowerCase(),
  );
  return {
    scheduleId: id,
    cron,
    destination,
    method: get('Upstash-Method') ?? 'POST',
    body,
    retries: Number(get('Upstash-Retries') ?? 3),
    createdAt: Date.now(),
    isPaused: false,
    forward,
    redacted,
  };
}

export async function startFakeQStash(
  token = 'qstash_fakeTokenForTests_0123456789',
): Promise<FakeQStash> {
  const schedules = new Map<string, Schedule>();
  const requests: FakeQStash['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path });
      void (async () => {
        if (await fake.intercept?.(req, res)) return;
        if (req.headers.authorization !== `Bearer ${token}`) {
          send(res, 401, { error: 'Unauthorized' });
          return;
        }
        const rest = path.replace(/^\/v2\/schedules\/?/, '');
        answer(req, res, rest, Buffer.concat(chunks).toString('utf8'));
      })();
    });
  });
  const answer = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rest: string,
    body: string,
  ) => {
    if (!(req.url ?? '').startsWith('/v2/schedules')) {
      send(res, 404, { error: 'Not Found' });
    } else if (req.method === 'POST' && rest !== '') {
      const made = create(req, rest, body);
      if (typeof made === 'string') send(res, 400, { error: made });
      else if (!schedules.has(made.scheduleId) && schedules.size >= fake.maxSchedules) {
        send(res, 412, { error: 'Precondition Failed' });
      } else {
        schedules.set(made.scheduleId, made);
        send(res, 200, { scheduleId: made.scheduleId });
      }
    } else if (req.method === 'GET' && rest === '') {
      send(res, 200, [...schedules.values()].map(view));
    } else if (req.method === 'GET') {
      const found = schedules.get(decodeURIComponent(rest));
      if (found) send(res, 200, view(found));
      else send(res, 404, { error: 'Schedule not found' });
    } else if (req.method === 'DELETE') {
      schedules.delete(decodeURIComponent(rest));
      send(res, 200);
    } else {
      send(res, 405, { error: 'Method Not Allowed' });
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fire = async (id: string) => {
    const s = schedules.get(id);
    if (!s) throw new Error(`no schedule ${id}`);
    const response = await fetch(s.destination, {
      method: s.method,
      headers: {
        ...s.forward,
        'User-Agent': 'Upstash-QStash',
        'Upstash-Message-Id': `msg_${randomUUID()}`,
        'Upstash-Schedule-Id': s.scheduleId,
        'Upstash-Retried': '0',
        'Upstash-Signature': 'test-signature',
      },
      body: s.body,
    });
    return { status: response.status, body: await response.text() };
  };
  const fake: FakeQStash = {
    url,
    token,
    schedules,
    requests,
    maxSchedules: 10,
    intercept: undefined,
    fire,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  return fake;
}
