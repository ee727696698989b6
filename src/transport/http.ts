// One HTTP exchange on node:http / node:https, for the REST transport, the webhook and the
// Upstash Developer API (GET only).
//
// Not fetch: Node's fetch (undici) compiles its WebAssembly HTTP parser in each process, which
// made a one-request run about 20 ms slower than node:http, whose parser is native (measured in
// docs/performance.md); @actions/http-client is not used either, as it retries and follows
// redirects by itself. Here: one request, no redirect followed, a deadline (an AbortSignal) that
// covers the body too, and a body refused once it passes `maxBytes`, without being buffered.

import http from 'node:http';
import https from 'node:https';
import { BodyTooLarge, type ExchangeOptions, type HttpAnswer } from './exchange.js';

/**
 * Kept-alive connections: a database kept alive twice in one run (a retry) reuses its socket.
 * Idle sockets do not hold the process open once the run is over.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: ExchangeOptions,
): Promise<HttpAnswer> {
  const length = { 'Content-Length': String(Buffer.byteLength(body)) };
  return exchange('POST', url, { ...headers, ...length }, body, options);
}

export function get(
  url: string,
  headers: Record<string, string>,
  options: ExchangeOptions,
): Promise<HttpAnswer> {
  return exchange('GET', url, headers, undefined, options);
}

function exchange(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  options: ExchangeOptions,
): Promise<HttpAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      { method, agent, signal: options.signal, headers },
      (response) => {
        const declared = Number(response.headers['content-length'] ?? '0');
        if (declared > options.maxBytes) {
          request.destroy(new BodyTooLarge());
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) request.destroy(new BodyTooLarge());
          else chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            header: (name) => header(response.headers, name),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** A header's value as one string (the last one when the server sent it twice). */
function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value.at(-1) ?? null) : (value ?? null);
}
