// The command line: the same engine as the action, for crontab, Docker, systemd timers and
// `npm run maintenance`-style scripts. A thin shell: arguments → Settings → engine → output.

import { findDatabases } from '../account/find.js';
import { runDatabases } from '../account/index.js';
import { asKeepaliveError } from '../failures.js';
import { countsFields, countsLine } from '../report/account.js';
import { factsLine } from '../report/format.js';
import { refusedResult, runResult } from '../report/result.js';
import { scrub } from '../secrets.js';
import type { Settings } from '../inputs/index.js';
import { openNodeTransport } from '../transport/node.js';
import { VERSION } from '../version.js';
import { useSurface } from '../wording.js';
import { readCommandLine } from './arguments.js';
import { backstop } from './backstop.js';
import { databases as listAccount } from './databases.js';
import { HELP } from './help.js';
import { answer, err, out, stamp } from './output.js';

let quiet = false;

/** A reader that went away (`| head`) is not this command's failure: stop writing, quietly. */
function quietOnClosedPipe(): void {
  if (quiet) return; // once per process, however many times cli() runs in it
  quiet = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      process.exitCode ??= 0;
    });
  }
}

/** Outside Actions nothing is masked: no workflow command is printed at all. */
const accountHooks = (json: boolean) => ({
  mask: () => undefined,
  info: (line: string) => {
    if (!json) err(`${stamp()} ${line}`);
  },
});

/** The modes: every database kept alive, then one line each (or one JSON object). */
async function keepAlive(settings: Settings, env: NodeJS.ProcessEnv, json: boolean) {
  const { databases, failure, account } = await runDatabases(settings, env, {
    ...accountHooks(json),
    // --json prints each database's history entries: only then are they kept.
    historyEntries: json,
    onRetry: (database, line) => {
      if (!json) err(`${stamp()} ${database}: ${line}`);
    },
    open: openNodeTransport,
  });
  if (json) {
    answer({
      ...runResult(settings.mode, databases, failure),
      ...(account && { upstash: { ...account, counts: account.counts.map(countsFields) } }),
    });
    return failure ? 1 : 0;
  }
  for (const warning of account?.warnings ?? []) err(`${stamp()} Warning: ${warning}`);
  for (const db of databases) {
    if (db.error)
      err(`${stamp()} ${settings.mode} failed on ${db.database}: ${db.error.describe()}`);
    else out(`${stamp()} ${settings.mode} ok on ${db.database} (${factsLine(db)})`);
  }
  for (const counts of account?.counts ?? []) {
    out(`${stamp()} ${counts.database}: ${countsLine(counts)}`);
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
      case 'backstop': {
        // The account's databases too, with the token a schedule forwards: the full one.
        const found = await findDatabases(command.settings, accountHooks(json), true);
        if (found.error && found.settings.connections.length === 0) throw found.error;
        for (const line of found.report.warnings) if (!json) err(`${stamp()} Warning: ${line}`);
        return await backstop(command.sub, found.settings, json);
      }
      case 'databases':
        return await listAccount(command.settings, json);
    }
  } catch (thrown) {
    const error = scrub(asKeepaliveError(thrown));
    if (json) answer(refusedResult(error));
    else err(`${stamp()} ${error.describe()}`);
    return 1;
  }
}
