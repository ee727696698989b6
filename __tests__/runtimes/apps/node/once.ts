// once.ts: `node once.ts` (Node 24 runs TypeScript as is).
import { keepAlive } from 'upstash-keepalive';

// No options: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, else KV_REST_API_URL and
// KV_REST_API_TOKEN, the variables Redis.fromEnv() reads.
const result = await keepAlive();
for (const db of result.databases) {
  if (db.ok) console.log(`${db.database}: maintenance count ${db['maintenance-count']}`);
  else console.error(`${db.database}: ${db.error?.message} Fix: ${db.error?.fix}`);
}
process.exitCode = result.ok ? 0 : 1;
