// What the backstop asks QStash for, derived from the database and the key prefix alone, so that
// every run asks for the same schedule: its id, its body (one Redis command), its default time,
// and a fingerprint that tells whether the schedule QStash holds is still the one to have.

import { createHash } from 'node:crypto';
import type { RestConnection } from '../connections/index.js';
import { BEAT_SCRIPT } from '../modes/lua.js';
import { keysFor } from '../modes/types.js';

export interface BackstopSettings {
  /** QStash's token (QSTASH_TOKEN): its presence turns the backstop on. */
  token: string;
  /** QStash's API (QSTASH_URL), default https://qstash.upstash.io. */
  url: string;
  /** A 5-field cron, UTC (a CRON_TZ= prefix for a zone); undefined: the database's own time. */
  cron: string | undefined;
  /**
   * No new schedule once the QStash account holds this many (all of its schedules, the app's
   * too); 0: not counted, only QStash's own limit (HTTP 412) refuses.
   */
  maxSchedules: number;
}

/** What a run did with the schedule: made it, changed it, found it current; off: none made. */
export type BackstopState = 'created' | 'updated' | 'active' | 'off';

export interface BackstopPlan {
  scheduleId: string;
  destination: string;
  cron: string;
  body: string;
  fingerprint: string;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Daily, at a time of its own for each database and prefix, off the full and half hour, so
 * backstops spread over the day and never fall with the workflow's 03:17.
 */
function defaultCron(destination: string, prefix: string): string {
  const h = hash(`${destination}\n${prefix}\ncron`);
  const minute = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 19, 23, 37, 41, 43, 47, 53][
    parseInt(h.slice(0, 4), 16) % 18
  ];
  const hour = parseInt(h.slice(4, 8), 16) % 24;
  return `${String(minute)} ${String(hour === 3 ? 4 : hour)} * * *`;
}

export function planBackstop(
  connection: RestConnection,
  prefix: string,
  settings: BackstopSettings,
): BackstopPlan {
  const destination = connection.url;
  const keys = keysFor(prefix);
  const body = JSON.stringify(['EVAL', BEAT_SCRIPT, '2', keys.backstopBeat, keys.backstopBeats]);
  const cron = settings.cron ?? defaultCron(destination, prefix);
  return {
    // QStash ids: letters, digits, hyphens, periods, underscores.
    scheduleId: `upstash-keepalive-${hash(`${destination}\n${prefix}`).slice(0, 24)}`,
    destination,
    cron,
    body,
    // Changes when the token, the time or the script does: then the schedule is updated.
    fingerprint: hash([destination, cron, body, connection.token].join('\n')).slice(0, 24),
  };
}
