// Turns the raw action inputs into one typed, validated Settings object.
// Pure: it reads through the `read` function it is given and never touches the network,
// so every bad value is refused before a single request is sent.

import {
  lines,
  parseConnections,
  type Connection,
  type ConnectionValues,
} from '../connections/index.js';
import { InputError } from '../input-error.js';
import type { BackstopSettings } from '../backstop/plan.js';
import type { Mode } from '../modes/types.js';
import { setting } from '../wording.js';
import { parseAccount, type AccountSettings } from './account.js';
import { parseBackstop } from './backstop.js';
import { parseDatabasesJson, parseShard } from './fleet.js';
import { DEFAULTS, LIMITS, type InputReader } from './limits.js';
import { parseUpkeepSettings, type UpkeepSettings } from './upkeep.js';
import {
  parseFailOn,
  parseKeyPrefix,
  parseMaxAge,
  parseMaxAttempts,
  parseMode,
  parseTimeout,
  parseWhole,
} from './values.js';
import type { Env } from '../env.js';

export { DEFAULTS, type InputReader } from './limits.js';
export { parseUpkeepSettings, type UpkeepSettings } from './upkeep.js';
export type { AccountSettings } from './account.js';

export interface Settings {
  /** The databases to keep alive (one per line of `url`), each REST or TCP. */
  connections: Connection[];
  /** With several databases: fail the step when any fails, or only when all do. */
  failOn: 'any' | 'all';
  mode: Mode;
  keyPrefix: string;
  timeoutMs: number;
  maxAttempts: number;
  /** `status` fails when the last maintenance is older than this; undefined = no limit. */
  maxAgeHours: number | undefined;
  /** Runs kept in `<prefix>:history` by maintenance, and read by status (0: off). */
  historySize: number;
  /** `status` fails when more runs than this were missed in the history; undefined = no limit. */
  maxMissedRuns: number | undefined;
  /** Databases kept alive at once. */
  concurrency: number;
  /** This job's share of the databases (a matrix of jobs); undefined: all of them. */
  shard: { index: number; of: number } | undefined;
  /** The QStash backstop, when a QStash token is given. */
  backstop: BackstopSettings | undefined;
  /** What the action does for its own upkeep: watch the schedule, raise alerts. */
  upkeep: UpkeepSettings;
  /** The Upstash account, when its API key is given: more databases, and Upstash's counts. */
  account: AccountSettings | undefined;
}

/**
 * `env` supplies the fallback variables used when no URL is given. `values` are the URLs and
 * tokens, when the shell has them as lists (the command line); else the lines of url and token.
 */
export function parseSettings(
  read: InputReader,
  env: Env = {},
  given?: ConnectionValues,
): Settings {
  // Every single value first, the databases last: a wrong mode is named before a missing URL.
  const single = {
    failOn: parseFailOn(read('fail-on')),
    mode: parseMode(read('mode')),
    keyPrefix: parseKeyPrefix(read('key-prefix')),
    timeoutMs: parseTimeout(read('timeout-seconds')),
    maxAttempts: parseMaxAttempts(read('max-attempts')),
    maxAgeHours: parseMaxAge(read('max-age-hours')),
    historySize:
      parseWhole('history-size', read('history-size'), 0, LIMITS.historySize) ??
      DEFAULTS.historySize,
    maxMissedRuns: parseWhole('max-missed-runs', read('max-missed-runs'), 0, LIMITS.historySize),
    concurrency:
      parseWhole('concurrency', read('concurrency'), 1, LIMITS.concurrency) ?? DEFAULTS.concurrency,
    shard: parseShard(read('shard')),
    backstop: parseBackstop(read, env),
    upkeep: parseUpkeepSettings(read),
    account: parseAccount(read, env),
  };
  const values = given ?? connectionValues(read);
  // With the account, url and token are optional: the fallback variables are not tried then.
  const none = !values.fromDatabases && values.urls.every((url) => url.trim() === '');
  const all = single.account && none ? [] : parseConnections(values, env);
  // A shard k/n keeps every n-th database from the k-th on: the matrix's n jobs cover them all.
  const { shard } = single;
  const connections = shard ? all.filter((_, i) => i % shard.of === shard.index - 1) : all;
  return { connections, ...single };
}

/** url and token as lines, or the entries of the databases JSON (one of the two, not both). */
function connectionValues(read: InputReader): ConnectionValues {
  const json = read('databases').trim();
  if (json === '') return { urls: lines(read('url')), tokens: lines(read('token')) };
  if (read('url').trim() !== '') {
    throw new InputError(
      'databases',
      `and ${setting('url')} are both given: give the databases in one of them.`,
    );
  }
  const entries = parseDatabasesJson(json);
  return {
    urls: entries.map((e) => e.url),
    tokens: entries.map((e) => e.token),
    fromDatabases: true,
  };
}
