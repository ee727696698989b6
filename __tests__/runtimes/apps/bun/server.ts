// server.ts: run with `bun run server.ts` (PORT, else 3000).
import { createHandler } from 'upstash-keepalive/handler';

// UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN and KEEPALIVE_SECRET from the environment.
const handler = createHandler();

Bun.serve({
  routes: { '/api/maintenance/upstash': handler },
  fetch: () => new Response('Not found', { status: 404 }),
});
