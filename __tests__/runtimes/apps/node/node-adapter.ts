// node-adapter.ts: serves a Web-standard handler, (request: Request) => Promise<Response>,
// with node:http, which has no such adapter of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

type WebHandler = (request: Request) => Promise<Response>;

export function toNodeListener(handler: WebHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // The client went away: abort the request the handler sees.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const one of [value ?? []].flat()) headers.append(name, one);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host}`), {
        method: req.method,
        headers,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
        duplex: 'half',
        signal: abort.signal,
      });
      const response = await handler(request);
      const head: Record<string, string | string[]> = Object.fromEntries(response.headers);
      if (response.headers.has('set-cookie')) head['set-cookie'] = response.headers.getSetCookie();
      res.writeHead(response.status, head);
      if (response.body && req.method !== 'HEAD') {
        await pipeline(Readable.fromWeb(response.body), res);
      } else {
        res.end();
      }
    } catch (error) {
      if (res.headersSent) res.destroy(error as Error);
      else res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
    }
  };
}
