// The action: inputs → one mode over one transport, retried by one policy → outputs and summary.
// The single try/catch below turns every failure into an actionable `setFailed`.

import * as core from './runner.js';
import { runContext } from './context.js';
import { asKeepaliveError, type KeepaliveError } from './errors.js';
import { secretValues } from './connection.js';
import { careApplies, takeCare } from './care.js';
import { DEFAULTS, parseSettings, type Settings } from './inputs.js';
import { checkFreshness, keysFor, runMode, type Outcome } from './modes.js';
import { writeOutputs, writeSummary, type Report } from './report.js';
import { openBackend } from './backend.js';
import { DEFAULT_BACKOFF, withRetry } from './retry.js';

/** Masks every secret the inputs and fallback variables hold, before anything can print it. */
export function maskSecrets(env: NodeJS.ProcessEnv): string[] {
  const input = (name: string) => core.getInput(name, env);
  const others = [input('webhook-url'), input('github-token')];
  const secrets = secretValues(input('token'), input('url'), env, others);
  for (const secret of secrets) core.setSecret(secret);
  return secrets;
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const secrets = maskSecrets(env);
  const now = () => new Date();
  let report: Report = {
    // Until the inputs are validated, report the mode as given (or the default).
    mode: core.getInput('mode', env).toLowerCase() || DEFAULTS.mode,
    database: '',
    attempts: 0,
    now: now(),
  };
  let settings: Settings | undefined;
  try {
    settings = parseSettings((name) => core.getInput(name, env), env);
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
    const { mode, maxAttempts } = settings;
    const keys = keysFor(settings.keyPrefix);
    const context = runContext(env);
    let latencyMs = 0;
    const result = await withRetry<Outcome>(
      async () => {
        const started = performance.now();
        const outcome = await runMode(redis, { mode, keys, context, now: now() });
        latencyMs = Math.round(performance.now() - started);
        return outcome;
      },
      { maxAttempts, ...DEFAULT_BACKOFF },
      {
        onRetry: (error, attempt, delayMs) => {
          core.info(
            `Attempt ${attempt} of ${maxAttempts} failed: ${error.message} Retrying in ${(delayMs / 1000).toFixed(1)} s.`,
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
  if (settings && careApplies(settings.care, env)) {
    const care = await takeCare(report, settings.care, settings.timeoutMs, env);
    care.done.forEach((line) => {
      core.info(line);
    });
    report = {
      ...report,
      care: { ...care, warnings: care.warnings.map((w) => redact(w, secrets)) },
    };
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
  report.care?.warnings.forEach((line) => {
    core.warning(line);
  });
  if (report.error) core.setFailed(report.error.describe());
}
