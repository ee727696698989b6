// upstash-keepalive databases: what the Upstash account holds (name, type, state, region, and the
// commands Upstash counted over the last 7 days), never a token, as text or one JSON object.
// databases-matching narrows it; paid databases are listed too (the type says which).

import { developerApi } from '../account/api.js';
import { listDatabases } from '../account/find.js';
import { matcher } from '../account/glob.js';
import { byName, hostOf } from '../account/select.js';
import { MAX_STATS, readStats } from '../account/stats.js';
import { KeepaliveError } from '../errors.js';
import type { Settings } from '../inputs/index.js';
import { outside } from '../safe-text.js';
import { answer, err, out } from './output.js';

interface Row {
  name: string;
  database: string | null;
  type: string;
  state: string;
  region: string;
  'commands-today': number | null;
  'commands-7-days': number | null;
}

export async function databases(settings: Settings, json: boolean): Promise<number> {
  const { account } = settings;
  if (!account) throw new KeepaliveError('internal', 'No account.', 'report it.');
  const { databases: listed, unreadable } = await listDatabases(
    developerApi({ ...settings, account }),
  );
  const matches = matcher(account.matching);
  const chosen = listed.filter((d) => matches(d.name)).sort(byName);
  const targets = chosen.map((database) => ({ host: hostOf(database) ?? database.id, database }));
  const stats = await readStats(developerApi({ ...settings, account }), targets, new Date());
  const counted = new Map(stats.counts.map((c) => [c.database, c]));
  const rows: Row[] = targets.map(({ host, database }) => ({
    name: database.name,
    database: hostOf(database) ?? null,
    type: database.type,
    state: database.state,
    region: database.region,
    'commands-today': counted.get(host)?.today ?? null,
    'commands-7-days': counted.get(host)?.last7Days ?? null,
  }));
  if (json) {
    answer({ ok: true, command: 'databases', databases: rows, unreadable, error: null });
    return 0;
  }
  const table = [
    ['NAME', 'TYPE', 'STATE', 'REGION', 'COMMANDS (7 DAYS)', 'ENDPOINT'],
    ...rows.map((r) => [
      outside(r.name, 60),
      r.type,
      r.state,
      r.region,
      String(r['commands-7-days'] ?? '-'),
      r.database ?? '-',
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((cells) => cells[i]?.length ?? 0)));
  for (const cells of table) {
    out(
      cells
        .map((cell, i) => cell.padEnd(widths?.[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
  if (stats.skipped.length > 0) {
    err(
      `Upstash's counts were read for ${MAX_STATS} databases of ${rows.length}: '-' for the others.`,
    );
  }
  for (const failure of stats.failures.slice(0, 3)) err(failure);
  if (unreadable > 0) err(`${unreadable} entries of the list could not be read.`);
  return 0;
}
