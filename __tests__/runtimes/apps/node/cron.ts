// cron.ts: imported once by a long-running Node application (a server, a worker process).
import { Cron } from 'croner';
import { keepAlive } from 'upstash-keepalive';

// Every day at 04:17 UTC. protect: never two runs at once; catch: an option refused is logged,
// the application goes on.
export const keepalive = new Cron(
  '17 4 * * *',
  { timezone: 'UTC', protect: true, catch: (error) => console.error(error) },
  async () => {
    const result = await keepAlive();
    for (const { database, ok, error } of result.databases) {
      if (ok) console.log(`${database}: kept alive`);
      else console.error(`${database}: ${error?.message} Fix: ${error?.fix}`);
    }
  },
);
