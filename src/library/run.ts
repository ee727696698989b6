// One run of the library's shells (keepAlive() and the route): options → settings → the engine
// over fetch → the result. `mode` overrides the option (the route takes it from the method);
// `shell` is recorded as the run's event when GitHub Actions does not name one.

import { keepAliveRun } from '../keepalive.js';
import type { Mode } from '../modes/types.js';
import { runResult, type KeepAliveResult } from '../report/result.js';
import { openWebTransport } from '../transport/web.js';
import { useSurface } from '../wording.js';
import { environment, settingsOf, type KeepAliveOptions } from './options.js';

export async function runLibrary(
  options: KeepAliveOptions,
  mode: Mode | undefined,
  shell: 'library' | 'route',
  runNonce?: string,
): Promise<KeepAliveResult> {
  useSurface('library');
  const { settings, release } = settingsOf(options, mode);
  try {
    const env = environment(options.env);
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
