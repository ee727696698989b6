// The library: `import { keepAlive } from 'upstash-keepalive'`. The same engine as the action and
// the command line, over the platform's fetch, on every runtime Upstash serves. It resolves to
// the command line's --json result; a database's failure is in the result, never thrown; only
// options it cannot use throw, as a KeepaliveError of kind 'input' that carries the fix.

import type { KeepAliveResult } from '../report/result.js';
import type { KeepAliveOptions } from './options.js';
import { runLibrary } from './run.js';

export { KeepaliveError, type FailureKind } from '../errors.js';
export type { KeepAliveOptions } from './options.js';
export type { KeepAliveResult, HistoryRecord } from '../report/result.js';
export type { DatabaseResult, ErrorFields } from '../report/format.js';

/** Keeps the databases alive once: maintenance by default, or ping, or status. */
export function keepAlive(options: KeepAliveOptions = {}): Promise<KeepAliveResult> {
  return runLibrary(options, undefined, 'library');
}
