// One run of the library's shells (keepAlive() and the route): options → settings → the engine
// over fetch → the result. `mode` overrides the option (the route takes it from the method);
// `shell` is recorded as the run's event when GitHub Actions does not name one; `env`, the
// variables, is read once by whoever calls (the route has read it for its secrets already).

import { keepAliveRun } from '../keepalive.js';
import type { Mode } from '../modes/types.js';
import { runResult, type KeepAliveResult } from '../report/result.js';
import { openWebTransport } from '../transport/web.js';
import { useSurface } from '../wording.js';
import type { Env } from '../env.js';
import { environment, settingsOf, type KeepAliveOptions } from './options.js';

export async function runLibrary(
  options: KeepAliveOptions,
  mode: Mode | undefined,
  shell: 'library' | 'route',
  read: { runNonce?: string | undefined; env?: Env } = {},
): Promise<KeepAliveResult> {
  useSurface('library');
  // options may be anything a caller passed (null too): settingsOf refuses it, with the fix.
  const env = read.env ?? environment((options as { env?: object } | null)?.env);
  const { runNonce } = read;
  const { settings, release } = settingsOf(options, env, mode);
  try {
    const { databases, failure } = await keepAliveRun(settings, {
      env: { ...env, GITHUB_EVENT_NAME: env.GITHUB_EVENT_NAME || shell },
      onRetry: () => undefined,
      open: openWebTransport,
      runNonce,
      // The result holds each history's entries, as the command line's --json does.
      historyEntries: true,
    });
    return runResult(settings.mode, databases, failure);
  } finally {
    release(); // what was printed is already clean of them: the result is made
  }
}
