// server.ts: run with `node server.ts` (Node 24 runs TypeScript as is).
import { createServer } from 'node:http';
import { createHandler } from 'upstash-keepalive/handler';
import { toNodeListener } from './node-adapter.ts';

// UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN and KEEPALIVE_SECRET from the environment.
const keepalive = toNodeListener(createHandler());

createServer((req, res) => {
  if (new URL(req.url ?? '/', 'http://localhost').pathname === '/api/maintenance/upstash') {
    void keepalive(req, res);
  } else {
    res.writeHead(404).end();
  }
}).listen(Number(process.env.PORT ?? 3000));
