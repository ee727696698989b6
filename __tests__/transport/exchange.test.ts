// The two HTTP exchanges under the REST transport, held to one contract: node:http (the action,
// the command line) and fetch (the library, the route). Each against a loopback server that
// misbehaves: a redirect is answered as it is (never followed with the token), a body past the
// cap is refused whether declared or streamed, and the deadline holds while a body trickles in.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLarge, type HttpExchange } from '../../src/transport/exchange.ts';
import { fetchPost } from '../../src/transport/fetch.ts';
import { post } from '../../src/transport/http.ts';

let server: http.Server;
let base: string;
const seen: { path: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    switch (req.url) {
      case '/redirect':
        res.writeHead(307, { Location: `${base}/elsewhere` });
        return res.end();
      case '/declared-large':
        res.writeHead(200, { 'Content-Length': String(2_000_000) });
        return res.end();
      case '/streamed-large': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = 'x'.repeat(64 * 1024);
        for (let i = 0; i < 40; i++) res.write(chunk);
        return res.end();
      }
      case '/trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => {
          clearInterval(timer);
        });
        return;
      }
      default:
        res.writeHead(503, 'Busy', { 'Retry-After': '7', 'Content-Type': 'application/json' });
        return res.end('{"error":"busy"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = (exchange: HttpExchange, path: string, timeoutMs = 5000) =>
  exchange(`${base}${path}`, { Authorization: 'Bearer AXsecretToken0123456789' }, '[]', {
    signal: AbortSignal.timeout(timeoutMs),
    maxBytes: 1024 * 1024,
  });

describe.each([
  ['node:http', post],
  ['fetch', fetchPost],
])('%s', (_, exchange) => {
  it('answers a status, its text, a header and the body as they came', async () => {
    const answer = await send(exchange, '/busy');
    expect(answer).toMatchObject({ status: 503, statusText: 'Busy', body: '{"error":"busy"}' });
    expect(answer.header('retry-after')).toBe('7');
    expect(answer.header('x-absent')).toBeNull();
  });

  it('does not follow a redirect: the token goes nowhere else', async () => {
    seen.length = 0;
    const answer = await send(exchange, '/redirect');
    expect(answer.status).toBe(307);
    expect(seen.map((s) => s.path)).toEqual(['/redirect']);
  });

  it.each(['/declared-large', '/streamed-large'])(
    'refuses a body past the cap (%s)',
    async (path) => {
      await expect(send(exchange, path)).rejects.toBeInstanceOf(BodyTooLarge);
    },
  );

  it('holds the deadline while the body trickles in', async () => {
    const started = Date.now();
    await expect(send(exchange, '/trickle', 400)).rejects.toMatchObject({
      name: expect.stringMatching(/TimeoutError|AbortError/) as string,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
