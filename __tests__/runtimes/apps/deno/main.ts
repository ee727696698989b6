// main.ts
import { keepAlive } from 'upstash-keepalive';
import { createHandler } from 'upstash-keepalive/handler';

// UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN and KEEPALIVE_SECRET from the environment.
const handler = createHandler();

// Every day at 04:17 UTC; a failed keep-alive throws, so the cron's run shows as failed.
Deno.cron('upstash keep-alive', '17 4 * * *', async () => {
  const result = await keepAlive();
  if (!result.ok) throw new Error(result.error?.message ?? 'keep-alive failed');
});

// GET /api/maintenance/upstash reads the status, POST runs the maintenance.
Deno.serve((request) => {
  if (new URL(request.url).pathname === '/api/maintenance/upstash') return handler(request);
  return new Response('Not found', { status: 404 });
});
