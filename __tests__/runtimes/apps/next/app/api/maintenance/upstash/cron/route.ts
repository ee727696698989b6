// app/api/maintenance/upstash/cron/route.ts
import { createHandler } from 'upstash-keepalive/handler';

const handler = createHandler();

// Vercel Cron calls its path with GET (and Authorization: Bearer $CRON_SECRET): here a GET runs
// the maintenance, as a POST does on the route above.
export function GET(request: Request): Promise<Response> {
  return handler(new Request(request.url, { method: 'POST', headers: request.headers }));
}
