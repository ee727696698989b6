// The approach the seed documents use today, for comparison in `npm run bench`: a TypeScript
// script run through tsx that performs the maintenance one command per request.
import { Redis } from '@upstash/redis';

const redis = new Redis({
  url: process.env.UPSTASH_REDIS_REST_URL ?? '',
  token: process.env.UPSTASH_REDIS_REST_TOKEN ?? '',
  enableAutoPipelining: false,
  enableTelemetry: false,
});

const now = new Date().toISOString();
await redis.set('seed:maintenance:last', now);
await redis.set('seed:maintenance:status', 'active');
await redis.incr('seed:maintenance:count');
await redis.hset('seed:maintenance:metadata', { app: 'demo', version: '1.0.0', at: now });
const last = await redis.get<string>('seed:maintenance:last');
const status = await redis.get<string>('seed:maintenance:status');
const count = await redis.get<number>('seed:maintenance:count');
const metadata = await redis.hgetall<Record<string, string>>('seed:maintenance:metadata');
if (last !== now || status !== 'active' || !count || metadata?.at !== now) {
  console.error('verification failed');
  process.exit(1);
}
console.log(`[${new Date().toISOString()}] maintenance ok, count=${count}`);
