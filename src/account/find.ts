// The Upstash account as a source of databases, beside url and token: read over the network
// (the Developer API), under a time budget, then kept alive by the same engine, then checked
// against what Upstash itself counted. Loaded by runDatabases (index.ts) only when an API key is
// given, and by the command line's databases and backstop commands.

import { KeepaliveError } from '../errors.js';
import { asKeepaliveError } from '../failures.js';
import type { Settings } from '../inputs/index.js';
import {
  keepAliveRun,
  runFailure,
  type DatabaseReport,
  type RunResult,
  type Shell,
} from '../keepalive.js';
import { rememberSecrets, scrub } from '../secrets.js';
import { setting } from '../wording.js';
import { developerApi, type DeveloperApi } from './api.js';
import type { AccountHooks, Found, RunHooks } from './found.js';
import { LIST_LIMITS, readDatabases } from './list.js';
import { proveFromUpstash } from './proof.js';
import { select } from './select.js';
import type { AccountReport } from './types.js';

export type AccountRun = RunResult & { settings: Settings; account?: AccountReport };

/** GET /v2/redis/databases, whole and checked. */
export async function listDatabases(api: DeveloperApi) {
  return readDatabases(await api.json('/redis/databases', LIST_LIMITS), api.host);
}

/**
 * The account's databases as connections with their own token: the full one when `fullToken`
 * (maintenance writes, a backstop forwards it), else the read-only one, enough for ping and status.
 */
export async function findDatabases(
  settings: Settings,
  hooks: AccountHooks,
  fullToken: boolean,
): Promise<Found> {
  const report: AccountReport = { lines: [], warnings: [], counts: [] };
  const found: Found = { settings, failed: [], known: new Map(), report };
  if (!settings.account) return found;
  const withAccount = { ...settings, account: settings.account };
  const api = developerApi(withAccount);
  for (const secret of api.secrets) hooks.mask(secret);
  rememberSecrets(api.secrets);
  try {
    const { databases, unreadable } = await listDatabases(api);
    const selection = select(databases, withAccount, fullToken);
    for (const secret of selection.masks) hooks.mask(secret);
    rememberSecrets(selection.sent);
    if (unreadable > 0) {
      report.warnings.push(
        `${unreadable} entries of the Upstash account's list could not be read (no database_id or database_name): left out.`,
      );
    }
    report.lines.push(...selection.lines);
    report.warnings.push(...selection.warnings);
    found.failed = selection.failed.map((db) => ({ ...db, error: scrub(db.error) }));
    found.known = selection.known;
    found.settings = {
      ...settings,
      connections: [...settings.connections, ...selection.connections],
    };
  } catch (thrown) {
    found.error = scrub(asKeepaliveError(thrown));
    if (settings.connections.length > 0 && found.error.kind !== 'auth') {
      report.warnings.push(
        `The Upstash account could not be read, so only the databases given by url and token were kept alive: ${found.error.describe()}`,
      );
    }
  }
  for (const line of report.lines) hooks.info(`Upstash account: ${line}`);
  return found;
}

/** With an API key: the account's databases too, then Upstash's counts of them. */
export async function runWithAccount(
  settings: Settings,
  shell: Shell,
  hooks: RunHooks,
): Promise<AccountRun> {
  const found = await findDatabases(settings, hooks, settings.mode === 'maintenance');
  hooks.announce?.(found.settings);
  const run = await keepAliveRun(found.settings, shell);
  const databases = [...run.databases, ...found.failed];
  await proveFromUpstash(found, databases);
  const failure = scrub(outcome(found, databases, runFailure(databases, settings.failOn)));
  return { databases, failure, settings: found.settings, account: found.report };
}

/** The run fails on its databases, on a key the API refused, or when no database was found. */
function outcome(
  found: Found,
  databases: DatabaseReport[],
  failure: KeepaliveError | undefined,
): KeepaliveError | undefined {
  const { error } = found;
  if (databases.length === 0) {
    return (
      error ??
      new KeepaliveError(
        'input',
        `No database to keep alive: ${[...found.report.lines, ...found.report.warnings].join(' ')}`,
        `check ${setting('databases-matching')} and ${setting('include-paid')} against the account (\`upstash-keepalive databases\` lists it), or give databases by url and token.`,
      )
    );
  }
  if (error?.kind !== 'auth') return failure;
  // A refused key is the run's failure even when url and token's databases were kept alive.
  const kept = `${databases.length} database${databases.length === 1 ? '' : 's'} given by url and token ${databases.length === 1 ? 'was' : 'were'} kept alive`;
  return failure
    ? new KeepaliveError(
        error.kind,
        `${error.message} ${failure.message}`,
        `${error.fix} Then: ${failure.fix}`,
      )
    : new KeepaliveError(error.kind, `${error.message} The ${kept}.`, error.fix);
}
