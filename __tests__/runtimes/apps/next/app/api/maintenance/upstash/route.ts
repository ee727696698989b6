// app/api/maintenance/upstash/route.ts
import { createHandler } from 'upstash-keepalive/handler';

// POST runs the maintenance, GET reads the status, but Vercel Cron's GET (its user agent is
// vercel-cron/1.0) runs the maintenance: all want Authorization: Bearer $CRON_SECRET (or
// KEEPALIVE_SECRET), or QStash's signature.
const handler = createHandler();

export { handler as GET, handler as POST };
