// src/index.ts
import { keepAlive } from 'upstash-keepalive';
import { createHandler } from 'upstash-keepalive/handler';

// What `wrangler types` generates for the variables and secrets below.
interface Env {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  KEEPALIVE_SECRET: string;
}

export default {
  // GET /api/maintenance/upstash reads the status, POST runs the maintenance.
  fetch(request, env) {
    if (new URL(request.url).pathname === '/api/maintenance/upstash') {
      return createHandler({ env })(request);
    }
    return new Response('Not found', { status: 404 });
  },

  // The Cron Trigger of wrangler.toml: a failed keep-alive throws, so the event shows as failed.
  async scheduled(_controller, env) {
    const result = await keepAlive({ env });
    if (!result.ok) throw new Error(result.error?.message ?? 'keep-alive failed');
  },
} satisfies ExportedHandler<Env>;
