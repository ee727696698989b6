// One HTTP exchange on the platform's fetch: the library's and the route's transport, on every
// runtime Upstash serves (Node, Cloudflare Workers, Vercel, Deno, Bun), none of which needs
// node:http. The same rules as http.ts: no redirect followed, one deadline over the body too, and
// a body refused once it passes the cap, read chunk by chunk rather than whole.

import { readBody } from './body.js';
import { BodyTooLarge, type ExchangeOptions, type HttpAnswer } from './exchange.js';

export async function fetchPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  { signal, maxBytes }: ExchangeOptions,
): Promise<HttpAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge();
  }
  return {
    status: response.status,
    statusText: response.statusText,
    header: (name) => response.headers.get(name),
    body: await readBody(response.body, maxBytes, signal),
  };
}
