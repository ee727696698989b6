// What `upstash-keepalive backstop …` prints of one database: its row (the --json object) and
// the line of text made from it.

import { ago } from '../backstop/owner.js';
import type { BackstopCommand } from './arguments.js';

type Ensured = Awaited<ReturnType<(typeof import('../backstop/qstash.js'))['ensureBackstop']>>;

export interface Row {
  database: string;
  ok: boolean;
  state?: string;
  schedule?: string;
  cron?: string;
  paused?: boolean;
  removed?: boolean;
  exists?: boolean;
  current?: boolean;
  'same-time'?: boolean;
  'same-destination'?: boolean;
  /** The host the schedule calls, when not this database. */
  calls?: string;
  /** install: what another hand had done to it, the account's count. */
  note?: string;
  'last-beat'?: string | null;
  beats?: number | null;
  error?: string;
}

/** What `backstop install` adds: what another hand had done to it, the account's count. */
export function installNote(result: Ensured): string | undefined {
  const { tookOver, repointed, accountHolds } = result;
  const notes = [
    tookOver &&
      `taken over from ${tookOver.by.who}, which set it at ${tookOver.cron} UTC ${ago(tookOver.by.at, new Date())}`,
    repointed !== undefined && `it called ${repointed}: pointed back at this database`,
    accountHolds !== undefined && `the QStash account now holds ${accountHolds} schedules`,
  ].filter((note) => typeof note === 'string');
  return notes.length > 0 ? notes.join('; ') : undefined;
}

export function line(sub: BackstopCommand, row: Row): string {
  if (row.error !== undefined) return `${row.database}: ${row.error}`;
  if (sub === 'install')
    return `${row.database}: backstop ${row.state ?? ''} (${row.cron ?? ''} UTC, schedule ${row.schedule ?? ''})${row.note === undefined ? '' : `; ${row.note}`}`;
  if (sub === 'remove')
    return `${row.database}: ${row.removed ? 'schedule removed' : 'no schedule to remove'} (${row.schedule ?? ''})`;
  const install = 'run backstop install with the full-access token';
  const state = !row.exists
    ? `absent: ${install}`
    : row.calls !== undefined
      ? `calls ${row.calls}, not this database: ${install}`
      : !row['same-time']
        ? `outdated: not at ${row.cron ?? ''} UTC: ${install}`
        : row.paused
          ? 'paused'
          : row.current
            ? 'active'
            : 'active (made with another token, or by another version)';
  return `${row.database}: backstop ${state}; last beat ${row['last-beat'] ?? 'none'}`;
}
