// The GitHub Action: a thin shell over the core. Inputs → every database kept alive → upkeep →
// outputs and summary. A refused input becomes the run's actionable failure, as the core does
// for each database; the upkeep still runs, since a broken configuration deserves an alert.

import { backstopOwner } from './backstop/owner.js';
import { runDatabases } from './account/index.js';
import { countsLine } from './report/account.js';
import { asKeepaliveError } from './failures.js';
import {
  DEFAULTS,
  parseSettings,
  parseUpkeepSettings,
  type Settings,
  type UpkeepSettings,
} from './inputs/index.js';
import { parseShard } from './inputs/fleet.js';
import type { DatabaseReport } from './keepalive.js';
import { factsLine } from './report/format.js';
import { publish } from './report/index.js';
import type { Report } from './report/types.js';
import {
  forgetSecrets,
  redact,
  rememberSecrets,
  rememberWholeSecrets,
  scrub,
  secretValues,
} from './secrets.js';
import { openNodeTransport } from './transport/node.js';
import { runUpkeep, upkeepApplies } from './upkeep/index.js';
import { useSurface } from './wording.js';
import * as workflow from './workflow.js';

/** The account's credentials: the e-mail is personal, the key can create and delete databases. */
const ACCOUNT_SECRETS = ['upstash-api-key'];

/** Up to this many databases, each gets its own log lines; beyond, failures and a count. */
const FEW = 20;

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  useSurface('action');
  maskSecrets(env);
  const report: Report = {
    // Until the inputs are validated, report the mode as given (or the default).
    mode: workflow.input('mode').trim().toLowerCase().slice(0, 20) || DEFAULTS.mode,
    databases: [],
    now: new Date(),
    server: env.GITHUB_SERVER_URL || 'https://github.com',
  };
  let settings: Settings | undefined;
  try {
    settings = parseSettings(workflow.input, env);
  } catch (thrown) {
    report.error = scrub(asKeepaliveError(thrown));
  }
  if (settings) {
    let several = false;
    const run = await runDatabases(settings, env, {
      mask: workflow.mask,
      info: workflow.info,
      announce: (all) => {
        several = all.connections.length > 1;
        announce(all);
      },
      onRetry: (database, line) => {
        workflow.info(several ? `${database}: ${line}` : line);
      },
      open: openNodeTransport,
    });
    settings = run.settings; // with the account's databases, for the upkeep
    logResults(run.databases);
    if (run.databases.length <= FEW) {
      for (const c of run.account?.counts ?? []) workflow.info(`${c.database}: ${countsLine(c)}`);
    }
    const { databases, failure: error, account } = run;
    Object.assign(report, { databases, error, account, now: new Date() });
  }
  await upkeep(report, settings, env);
  await publish(report);
}

/** Masks every secret the inputs and fallback variables hold, before anything can print it. */
function maskSecrets(env: NodeJS.ProcessEnv): void {
  const others = ['webhook-url', 'github-token', 'qstash-token', ...ACCOUNT_SECRETS].map((name) =>
    workflow.input(name),
  );
  const variables = [env.QSTASH_TOKEN, env.UPSTASH_API_KEY];
  const secrets = secretValues(
    workflow.input('token'),
    workflow.input('url'),
    env,
    [...others, ...variables.map((value) => value ?? '')],
    workflow.input('databases'),
  );
  forgetSecrets();
  rememberSecrets(secrets);
  // The account's e-mail: masked, but only whole (its domain may be in a database's name).
  const email = [workflow.input('upstash-email').trim(), env.UPSTASH_EMAIL?.trim() ?? ''];
  rememberWholeSecrets(email);
  for (const secret of [...secrets, ...email]) if (secret !== '') workflow.mask(secret);
}

/** What this run is about to do: one line per database, or one for a fleet. */
function announce({ connections, mode, shard, concurrency }: Settings): void {
  const share = shard ? ` (shard ${shard.index}/${shard.of})` : '';
  if (connections.length > FEW || connections.length === 0) {
    const at = Math.min(concurrency, connections.length);
    workflow.info(
      `upstash-keepalive: ${mode} on ${connections.length} databases${share}, ${at} at a time`,
    );
    return;
  }
  for (const c of connections) {
    const via = c.source.startsWith("input 'url'") ? '' : ` (URL from ${c.source})`;
    workflow.info(`upstash-keepalive: ${mode} on ${c.database}${via}${share}`);
  }
}

/** A line per database (a fleet: its failures, and a count); the run's failure is told later. */
function logResults(databases: DatabaseReport[]): void {
  const fleet = databases.length > FEW;
  const named = databases.length > 1;
  for (const db of databases) {
    const where = named ? `${db.database}: ` : '';
    if (db.error && named) workflow.info(`${where}failed: ${db.error.describe()}`);
    else if (!db.error && !fleet) workflow.info(`${where}ok, ${factsLine(db)}`);
  }
  if (fleet) {
    const failed = databases.filter((db) => db.error).length;
    workflow.info(`${databases.length - failed} of ${databases.length} databases ok.`);
  }
}

/** The schedule, the alerts and the backstop, when any applies to this run. */
async function upkeep(report: Report, settings: Settings | undefined, env: NodeJS.ProcessEnv) {
  const upkeep = settings?.upkeep ?? upkeepSettingsOrNothing();
  const backstop = settings?.backstop && {
    settings: settings.backstop,
    connections: settings.connections,
    prefix: settings.keyPrefix,
    concurrency: settings.concurrency,
    // A schedule forwards the token: only one that has just written (its maintenance passed).
    install: new Set(
      settings.mode === 'maintenance'
        ? report.databases.filter((db) => !db.error).map((db) => db.database)
        : [],
    ),
    owner: backstopOwner(env),
  };
  if (!upkeep || !upkeepApplies(upkeep, env, backstop)) return;
  const timeoutMs = settings?.timeoutMs ?? DEFAULTS.timeoutSeconds * 1000;
  const shard = settings ? settings.shard : shardOrNothing();
  const done = await runUpkeep(report, upkeep, { timeoutMs, env, backstop, shard });
  for (const line of done.done) workflow.info(line);
  if (done.schedule?.note) workflow.info(done.schedule.note);
  report.upkeep = { ...done, warnings: done.warnings.map(redact) };
}

/** The shard of a run whose inputs were refused: only shard 1 raises the alert of a matrix. */
function shardOrNothing() {
  try {
    return parseShard(workflow.input('shard'));
  } catch {
    return undefined;
  }
}

function upkeepSettingsOrNothing(): UpkeepSettings | undefined {
  try {
    return parseUpkeepSettings(workflow.input);
  } catch {
    return undefined; // their own refusal is already the run's error
  }
}
