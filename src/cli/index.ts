// The command line: the same engine as the action, for crontab, Docker, systemd timers and
// `npm run maintenance`-style scripts. A thin shell: arguments → Settings → engine → output.

import { runContext } from '../run-context.js';
import { keepAliveAll, runFailure } from '../keepalive.js';
import { asKeepaliveError } from '../failures.js';
import { scrub } from '../secrets.js';
import type { Settings } from '../inputs.js';
import { retryLine } from '../retry.js';
import { VERSION } from '../version.js';
import { useSurface } from '../wording.js';
import { readCommandLine } from './arguments.js';
import { backstop } from './backstop.js';
import { HELP } from './help.js';
import { answer, asJson, describe, err, errorJson, out, stamp } from './output.js';

/** A reader that went away (`| head`) is not this command's failure: stop writing, quietly. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      process.exitCode ??= 0;
    });
  }
}

/** The modes: every database kept alive, then one line each (or one JSON object). */
async function keepAlive(settings: Settings, env: NodeJS.ProcessEnv, json: boolean) {
  const databases = await keepAliveAll(settings.connections, {
    ...settings,
    context: runContext(env),
    onRetry: (database, error, attempt, delayMs) => {
      const line = retryLine(error, attempt, settings.maxAttempts, delayMs);
      if (!json) err(`${stamp()} ${database}: ${line}`);
    },
  });
  databases.forEach((db) => scrub(db.error));
  const failure = scrub(runFailure(databases, settings.failOn));
  if (json) {
    const all = databases.map(asJson);
    answer({ ok: !failure, mode: settings.mode, databases: all, error: errorJson(failure) });
    return failure ? 1 : 0;
  }
  for (const db of databases) {
    if (db.error)
      err(`${stamp()} ${settings.mode} failed on ${db.database}: ${db.error.describe()}`);
    else out(`${stamp()} ${settings.mode} ok on ${db.database} (${describe(db)})`);
  }
  if (failure && databases.length > 1) err(`${stamp()} ${failure.message}`);
  return failure ? 1 : 0;
}

export async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  useSurface('command line');
  quietOnClosedPipe();
  // Known before parsing, so that even a refused argument is answered in JSON.
  const json = argv.some((arg) => arg === '--json' || arg.startsWith('--json='));
  try {
    const command = readCommandLine(argv, env);
    switch (command.kind) {
      case 'help':
        if (json) answer({ help: HELP });
        else process.stdout.write(HELP);
        return 0;
      case 'version':
        if (json) answer({ version: VERSION });
        else out(VERSION);
        return 0;
      case 'run':
        return await keepAlive(command.settings, env, json);
      case 'backstop':
        return await backstop(command.sub, command.settings, json);
    }
  } catch (thrown) {
    const error = scrub(asKeepaliveError(thrown));
    if (json) answer({ ok: false, mode: null, databases: [], error: errorJson(error) });
    else err(`${stamp()} ${error.describe()}`);
    return 1;
  }
}
