// The GitHub Action: a thin shell over the engine. Inputs → every database kept alive
// concurrently → upkeep → outputs and summary; the one try/catch turns a refused input into an
// actionable failure, as the engine does for each database.

import { secretValues } from './secrets.js';
import { runContext } from './run-context.js';
import { keepAliveAll, runFailure, type DatabaseReport } from './keepalive.js';
import { asKeepaliveError } from './failures.js';
import { scrub } from './secrets.js';
import {
  DEFAULTS,
  parseSettings,
  parseUpkeepSettings,
  type Settings,
  type UpkeepSettings,
} from './inputs.js';
import { writeOutputs, writeSummary, type Report } from './report.js';
import { retryLine } from './retry.js';
import { forgetSecrets, redact, rememberSecrets } from './secrets.js';
import { runUpkeep, upkeepApplies } from './upkeep/index.js';
import { useSurface } from './wording.js';
import * as workflow from './workflow.js';

/** Masks every secret the inputs and fallback variables hold, before anything can print it. */
export function maskSecrets(env: NodeJS.ProcessEnv): string[] {
  const others = [
    workflow.input('webhook-url'),
    workflow.input('github-token'),
    workflow.input('qstash-token'),
    env.QSTASH_TOKEN ?? '',
  ];
  const secrets = secretValues(
    workflow.input('token'),
    workflow.input('url'),
    env,
    others,
    workflow.input('databases'),
  );
  forgetSecrets();
  rememberSecrets(secrets);
  for (const secret of secrets) workflow.mask(secret);
  return secrets;
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  useSurface('action');
  maskSecrets(env);
  let report: Report = {
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
    const { connections, mode, maxAttempts, shard, concurrency } = settings;
    const fleet = connections.length > FEW;
    const share = shard ? ` (shard ${shard.index}/${shard.of})` : '';
    if (fleet || connections.length === 0) {
      const at = Math.min(concurrency, connections.length);
      workflow.info(
        `upstash-keepalive: ${mode} on ${connections.length} databases${share}, ${at} at a time`,
      );
    } else {
      for (const c of connections) {
        const via = c.source.startsWith("input 'url'") ? '' : ` (URL from ${c.source})`;
        workflow.info(`upstash-keepalive: ${mode} on ${c.database}${via}${share}`);
      }
    }
    const databases = await keepAliveAll(connections, {
      ...settings,
      context: runContext(env),
      onRetry: (database, error, attempt, delayMs) => {
        const where = connections.length > 1 ? `${database}: ` : '';
        workflow.info(where + retryLine(error, attempt, maxAttempts, delayMs));
      },
    });
    for (const db of databases) {
      scrub(db.error);
      // A fleet logs its failures one by one and its successes as a count.
      if (!fleet || db.error) logResult(db, connections.length > 1);
    }
    if (fleet) {
      const failed = databases.filter((db) => db.error).length;
      workflow.info(`${databases.length - failed} of ${databases.length} databases ok.`);
    }
    report = {
      ...report,
      databases,
      now: new Date(),
      error: runFailure(databases, settings.failOn),
    };
  }
  // Upkeep runs even when other inputs were refused: a broken configuration deserves an alert.
  const upkeep = settings?.upkeep ?? upkeepSettingsOrNothing();
  const backstop = settings?.backstop && {
    settings: settings.backstop,
    connections: settings.connections,
    prefix: settings.keyPrefix,
  };
  if (upkeep && upkeepApplies(upkeep, env, backstop)) {
    const timeoutMs = settings?.timeoutMs ?? DEFAULTS.timeoutSeconds * 1000;
    const done = await runUpkeep(report, upkeep, timeoutMs, env, backstop);
    done.done.forEach((line) => {
      workflow.info(line);
    });
    if (done.schedule?.note) workflow.info(done.schedule.note);
    report.upkeep = { ...done, warnings: done.warnings.map(redact) };
  }
  await publish(report);
}

function upkeepSettingsOrNothing(): UpkeepSettings | undefined {
  try {
    return parseUpkeepSettings(workflow.input);
  } catch {
    return undefined; // their own refusal is already the run's error
  }
}

/** Up to this many databases, each gets its own log lines. */
const FEW = 20;

function logResult(db: DatabaseReport, named: boolean): void {
  const where = named ? `${db.database}: ` : '';
  if (db.error) {
    if (named) workflow.info(`${where}failed: ${db.error.describe()}`);
    return;
  }
  const outcome = db.outcome;
  const parts = [`${where}ok in ${db.latencyMs ?? 0} ms`, `attempts=${db.attempts}`];
  if (outcome?.reply !== undefined) parts.push(`reply=${outcome.reply}`);
  if (outcome?.count !== undefined) parts.push(`count=${outcome.count}`);
  if (outcome?.lastMaintenance !== undefined) parts.push(`last=${outcome.lastMaintenance}`);
  if (outcome?.previousMaintenance !== undefined) {
    parts.push(`previous=${outcome.previousMaintenance}`);
  }
  if (outcome?.replayed) parts.push('(already applied by an earlier attempt: counted once)');
  const history = outcome?.history;
  if (history && history.entries.length > 0) {
    parts.push(
      `history=${history.entries.length} usual=${history.medianIntervalHours ?? '?'}h missed=${history.missedRuns}`,
    );
  }
  workflow.info(parts.join(' '));
}

async function publish(report: Report): Promise<void> {
  writeOutputs(report);
  try {
    await writeSummary(report);
  } catch (error) {
    workflow.warning(`Could not write the step summary: ${asKeepaliveError(error).message}`);
  }
  const schedule = report.upkeep?.schedule;
  if (schedule?.warning) workflow.warning(schedule.warning);
  report.upkeep?.warnings.forEach((line) => {
    workflow.warning(line);
  });
  if (report.error) {
    workflow.fail(report.error.describe());
  } else {
    // fail-on: all let the run pass: each database that failed still gets an annotation.
    for (const db of report.databases) {
      if (db.error) workflow.warning(`${db.database}: ${db.error.describe()}`);
    }
  }
}
