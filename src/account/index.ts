// The databases of a run: those given by url and token, plus, with an API key, the Upstash
// account's (find.ts, loaded only then: a run without a key never loads the Developer API's
// client), all kept alive by the same engine, then checked against what Upstash itself counted.

import type { Settings } from '../inputs/index.js';
import { keepAliveRun } from '../keepalive.js';
import type { Env } from '../env.js';
import type { RunHooks } from './found.js';
import type { AccountRun } from './find.js';

/** Every database, the account's included, kept alive; then Upstash's counts of them. */
export async function runDatabases(
  settings: Settings,
  env: Env,
  hooks: RunHooks,
): Promise<AccountRun> {
  const shell = {
    env,
    onRetry: hooks.onRetry,
    open: hooks.open,
    historyEntries: hooks.historyEntries,
  };
  if (!settings.account) {
    hooks.announce?.(settings);
    return { ...(await keepAliveRun(settings, shell)), settings };
  }
  const { runWithAccount } = await import('./find.js');
  return runWithAccount(settings, shell, hooks);
}
