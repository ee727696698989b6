// The GitHub Action: a thin shell over the engine. Inputs → every database kept alive
// concurrently → upkeep → outputs and summary; the one try/catch turns a refused input into an
// actionable `setFailed`, as the engine does for each database.

import { careApplies, takeCare } from './care.js';
import { secretValues } from './connection.js';
import { runContext } from './context.js';
import { keepAliveAll, runFailure, type DatabaseReport } from './engine.js';
import { asKeepaliveError, redact, scrub } from './errors.js';
import {
  DEFAULTS,
  parseCareSettings,
  parseSettings,
  type CareSettings,
  type Settings,
} from './inputs.js';
import type { Outcome } from './modes.js';
import { writeOutputs, writeSummary, type Report } from './report.js';
import * as core from './runner.js';

/** Masks every secret the inputs and fallback variables hold, before anything can print it. */
export function maskSecrets(env: NodeJS.ProcessEnv): string[] {
  const input = (name: string) => core.getInput(name, env, false);
  const others = [input('webhook-url'), input('github-token')];
  const secrets = secretValues(input('token'), input('url'), env, others);
  for (const secret of secrets) core.setSecret(secret);
  return secrets;
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secrets = maskSecrets(env);
  let report: Report = {
    // Until the inputs are validated, report the mode as given (or the default).
    mode: core.getInput('mode', env).toLowerCase() || DEFAULTS.mode,
    databases: [],
    now: new Date(),
  };
  // Raw values: url and token may hold one line per database.
  const read = (name: string) => core.getInput(name, env, false);
  let settings: Settings | undefined;
  try {
    settings = parseSettings(read, env);
  } catch (thrown) {
    report.error = scrub(asKeepaliveError(thrown), secrets);
  }
  if (settings) {
    const { connections, mode, maxAttempts } = settings;
    for (const c of connections) {
      const via = c.source.startsWith("input 'url'") ? '' : ` (URL from ${c.source})`;
      core.info(`upstash-keepalive: ${mode} on ${c.database}${via}`);
    }
    const databases = await keepAliveAll(connections, {
      ...settings,
      context: runContext(env),
      onRetry: (database, error, attempt, delayMs) => {
        const where = connections.length > 1 ? `${database}: ` : '';
        core.info(
          `${where}Attempt ${attempt} of ${maxAttempts} failed: ${redact(error.message, secrets)} Retrying in ${(delayMs / 1000).toFixed(1)} s.`,
        );
      },
    });
    for (const db of databases) {
      scrub(db.error, secrets);
      logResult(db, connections.length > 1);
    }
    report = {
      ...report,
      databases,
      now: new Date(),
      error: runFailure(databases, settings.failOn),
    };
  }
  // Upkeep runs even when other inputs were refused: a broken configuration deserves an alert.
  const care = settings?.care ?? careSettingsOrNothing(read);
  if (care && careApplies(care, env)) {
    const timeoutMs = settings?.timeoutMs ?? DEFAULTS.timeoutSeconds * 1000;
    const done = await takeCare(report, care, timeoutMs, env);
    done.done.forEach((line) => {
      core.info(line);
    });
    report.care = { ...done, warnings: done.warnings.map((w) => redact(w, secrets)) };
  }
  await publish(report, env);
}

function careSettingsOrNothing(read: (name: string) => string): CareSettings | undefined {
  try {
    return parseCareSettings(read);
  } catch {
    return undefined; // their own refusal is already the run's error
  }
}

function logResult(db: DatabaseReport, named: boolean): void {
  const where = named ? `${db.database}: ` : '';
  if (db.error) {
    if (named) core.info(`${where}failed: ${db.error.describe()}`);
    return;
  }
  const outcome = db.outcome as Outcome;
  const parts = [`${where}ok in ${db.latencyMs ?? 0} ms`, `attempts=${db.attempts}`];
  if (outcome.reply !== undefined) parts.push(`reply=${outcome.reply}`);
  if (outcome.count !== undefined) parts.push(`count=${outcome.count}`);
  if (outcome.lastMaintenance !== undefined) parts.push(`last=${outcome.lastMaintenance}`);
  if (outcome.previousMaintenance !== undefined) {
    parts.push(`previous=${outcome.previousMaintenance}`);
  }
  core.info(parts.join(' '));
}

async function publish(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  writeOutputs(report, env);
  try {
    await writeSummary(report, env);
  } catch (error) {
    core.warning(`Could not write the step summary: ${asKeepaliveError(error).message}`);
  }
  report.care?.warnings.forEach((line) => {
    core.warning(line);
  });
  if (report.error) {
    core.setFailed(report.error.describe());
  } else {
    // fail-on: all let the run pass: each database that failed still gets an annotation.
    for (const db of report.databases) {
      if (db.error) core.warning(`${db.database}: ${db.error.describe()}`);
    }
  }
}
