// After the run, what Upstash itself counted for each database the account lists: a column of the
// summary, the output upstash-commands-7d, and with mode status, min-upstash-commands-7d: a
// database Upstash saw too few commands on fails, which catches a keep-alive that writes elsewhere.

import { KeepaliveError } from '../errors.js';
import type { DatabaseReport } from '../keepalive.js';
import { scrub } from '../secrets.js';
import { setting } from '../wording.js';
import { developerApi } from './api.js';
import type { Found } from './found.js';
import { MAX_STATS, readStats } from './stats.js';
import type { UpstashCounts } from './types.js';

/** Reads the counts into the report, and applies min-upstash-commands-7d to the databases. */
export async function proveFromUpstash(found: Found, databases: DatabaseReport[]): Promise<void> {
  const { settings, known, report } = found;
  const account = settings.account;
  const targets = databases.flatMap((db) => {
    const database = known.get(db.database);
    return database ? [{ host: db.database, database }] : [];
  });
  if (!account || targets.length === 0) return;
  const stats = await readStats(developerApi({ ...settings, account }), targets, new Date());
  report.counts = stats.counts;
  if (stats.skipped.length > 0) {
    report.lines.push(
      `Upstash's counts were read for ${stats.counts.length + stats.failures.length} of ${targets.length} databases (at most ${MAX_STATS} a run; the others have their turn on the next days).`,
    );
  }
  const [first] = stats.failures;
  if (first !== undefined) {
    const more = stats.failures.length - 1;
    report.warnings.push(more > 0 ? `${first} (and ${more} more databases)` : first);
  }
  if (settings.mode === 'status' && account.minCommands7d !== undefined) {
    const counted = databases.filter((db) => known.has(db.database));
    checkMinimum(counted, stats.counts, account.minCommands7d, report.warnings);
  }
}

function checkMinimum(
  databases: DatabaseReport[],
  counts: UpstashCounts[],
  min: number,
  warnings: string[],
): void {
  const byHost = new Map(counts.map((c) => [c.database, c]));
  let unknown = 0;
  for (const db of databases) {
    const c = byHost.get(db.database);
    if (db.error) continue;
    if (c?.last7Days == null) {
      unknown++;
      continue;
    }
    if (c.last7Days >= min) continue;
    db.error = scrub(
      new KeepaliveError(
        'stale',
        `Upstash counted ${c.last7Days} commands on ${db.database} ('${c.name}') over the last 7 days, fewer than ${setting('min-upstash-commands-7d')} ${min}.`,
        'the keep-alive is not reaching this database: check that the scheduled maintenance runs and succeeds, and that its url and token are those of this database (a keep-alive that writes to another database leaves this one idle).',
      ),
    );
  }
  if (unknown > 0) {
    warnings.push(
      `${setting('min-upstash-commands-7d')} was not checked for ${unknown} database${unknown === 1 ? '' : 's'}: Upstash's counts of ${unknown === 1 ? 'it' : 'them'} were not read this run.`,
    );
  }
}
