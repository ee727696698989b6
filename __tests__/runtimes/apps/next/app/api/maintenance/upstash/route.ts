// app/api/maintenance/upstash/route.ts
import { createHandler } from 'upstash-keepalive/handler';

// GET reads the status, POST runs the maintenance: both want Authorization: Bearer $CRON_SECRET
// (or KEEPALIVE_SECRET), or QStash's signature.
const handler = createHandler();

export { handler as GET, handler as POST };
