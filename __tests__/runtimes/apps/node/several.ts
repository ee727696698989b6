// several.ts
import { keepAlive, KeepaliveError } from 'upstash-keepalive';

try {
  const result = await keepAlive({
    databases: [
      { url: 'https://eu1-cache-12345.upstash.io', token: process.env.CACHE_REST_TOKEN ?? '' },
      { url: 'https://us1-queue-67890.upstash.io', token: process.env.QUEUE_REST_TOKEN ?? '' },
    ],
    keyPrefix: 'my-app:keepalive',
    timeoutSeconds: 5,
  });
  const failed = result.databases.filter((database) => !database.ok);
  for (const { database, error } of failed) console.error(`${database}: ${error?.fix}`);
} catch (error) {
  // Only options it cannot use throw, before any database is tried: kind 'input', with the fix.
  if (!(error instanceof KeepaliveError)) throw error;
  console.error(`${error.message} ${error.fix}`);
}
