// The action: inputs → one mode over one transport, retried by one policy → outputs and summary.
// The single try/catch below turns every failure into an actionable `setFailed`.

import * as core from './runner.js';
import { runContext } from './context.js';
import { asKeepaliveError, type KeepaliveError } from './errors.js';
import { secretValues } from './connection.js';
import { DEFAULTS, parseSettings } from './inputs.js';
import { checkFreshness, keysFor, runMode, type Outcome } from './modes.js';
import { writeOutputs, writeSummary, type Report } from './report.js';
import { openBackend } from './backend.js';
import { DEFAULT_BACKOFF, withRetry } from './retry.js';

/** Masks every secret the inputs and fallback variables hold, before anything can print it. */
export function maskSecrets(
  tokenInput: string,
  urlInput: string,
  env: NodeJS.ProcessEnv,
): string[] {
  const secrets = secretValues(tokenInput, urlInput, env);
  for (const secret of secrets) core.setSecret(secret);
  return secrets;
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secrets = maskSecrets(core.getInput('token', env), core.getInput('url', env), env);
  const now = () => new Date();
  let report: Report = {
    // Until the inputs are validated, report the mode as given (or the default).
    mode: core.getInput('mode', env).toLowerCase() || DEFAULTS.mode,
    database: '',
    attempts: 0,
    now: now(),
  };
  try {
    const settings = parseSettings((name) => core.getInput(name, env), env);
    const { connection } = settings;
    report = {
      ...report,
      mode: settings.mode,
      database: connection.database,
      source: connection.source,
    };
    const via = connection.source === "input 'url'" ? '' : ` (URL from ${connection.source})`;
    core.info(`upstash-keepalive: ${settings.mode} on ${connection.database}${via}`);

    const { redis } = await openBackend(connection, settings.timeoutMs);
    const keys = keysFor(settings.keyPrefix);
    const context = runContext(env);
    let latencyMs = 0;
    const result = await withRetry<Outcome>(
      async () => {
        const started = performance.now();
        const outcome = await runMode(redis, { mode: settings.mode, keys, context, now: now() });
        latencyMs = Math.round(performance.now() - started);
        return outcome;
      },
      { maxAttempts: settings.maxAttempts, ...DEFAULT_BACKOFF },
      {
        onRetry: (error, attempt, delayMs) => {
          core.info(
            `Attempt ${attempt} of ${settings.maxAttempts} failed: ${error.message} Retrying in ${(delayMs / 1000).toFixed(1)} s.`,
          );
        },
      },
    );
    report = { ...report, attempts: result.attempts, now: now() };
    if (!result.ok) throw result.error;
    report = { ...report, outcome: result.value, latencyMs };
    checkFreshness(result.value, settings.maxAgeHours, report.now);
    logSuccess(result.value, latencyMs, result.attempts);
  } catch (thrown) {
    report = { ...report, error: safeError(asKeepaliveError(thrown), secrets) };
  }
  await publish(report, env);
}

/** Even though nothing secret is put into messages, scrub them once more before they leave. */
function safeError(error: KeepaliveError, secrets: string[]): KeepaliveError {
  error.message = redact(error.message, secrets);
  return error;
}

function logSuccess(outcome: Outcome, latencyMs: number, attempts: number): void {
  const parts = [`ok in ${latencyMs} ms`, `attempts=${attempts}`];
  if (outcome.reply !== undefined) parts.push(`reply=${outcome.reply}`);
  if (outcome.count !== undefined) parts.push(`count=${outcome.count}`);
  if (outcome.lastMaintenance !== undefined) parts.push(`last=${outcome.lastMaintenance}`);
  if (outcome.previousMaintenance !== undefined)
    parts.push(`previous=${outcome.previousMaintenance}`);
  core.info(parts.join(' '));
}

async function publish(report: Report, env: NodeJS.ProcessEnv): Promise<void> {
  writeOutputs(report, env);
  try {
    await writeSummary(report, env);
  } catch (error) {
    core.warning(`Could not write the step summary: ${asKeepaliveError(error).message}`);
  }
  if (report.error) core.setFailed(report.error.describe());
}
