// The QStash backstop's inputs: its token (which turns it on), its API, its cron, and how many
// schedules the QStash account may hold before it makes no more.

import type { BackstopSettings } from '../backstop/plan.js';
import { isLoopback } from '../connections/url.js';
import { InputError } from '../input-error.js';
import { outside } from '../safe-text.js';
import { DEFAULTS, LIMITS, type InputReader } from './limits.js';
import { parseWhole } from './values.js';
import type { Env } from '../env.js';

/** QStash's API, as Upstash's SDK defaults to it. */
const DEFAULT_QSTASH_URL = 'https://qstash.upstash.io';

/** The backstop's settings; QStash's own variables (QSTASH_TOKEN, QSTASH_URL) as fallbacks. */
export function parseBackstop(read: InputReader, env: Env): BackstopSettings | undefined {
  const token = (read('qstash-token').trim() || env.QSTASH_TOKEN?.trim()) ?? '';
  const [rawUrl, rawCron] = [read('qstash-url'), read('backstop-cron')];
  const rawMax = read('backstop-max-schedules');
  if (token === '') return undefined;
  if (/\s/.test(token) || /[^\x21-\x7e]/.test(token) || token.length < 8) {
    throw new InputError(
      'qstash-token',
      'is not a QStash token: paste the QSTASH_TOKEN of the Upstash console → QStash, whole and on one line.',
    );
  }
  const raw = rawUrl.trim() || env.QSTASH_URL?.trim() || DEFAULT_QSTASH_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError('qstash-url', 'is not a valid URL: expected https://qstash.upstash.io.');
  }
  const plain = url.protocol === 'http:' && isLoopback(url.hostname);
  if ((url.protocol !== 'https:' && !plain) || url.username !== '' || url.password !== '') {
    throw new InputError(
      'qstash-url',
      'must be an https:// URL without credentials (plain http:// only for a local QStash): the QStash token travels to it.',
    );
  }
  return {
    token,
    url: url.origin + url.pathname.replace(/\/+$/, ''),
    cron: parseCron(rawCron),
    maxSchedules:
      parseWhole('backstop-max-schedules', rawMax, 0, LIMITS.backstopMaxSchedules) ??
      DEFAULTS.backstopMaxSchedules,
  };
}

/** Five cron fields, UTC, optionally after CRON_TZ=<zone> as QStash reads them. */
function parseCron(raw: string): string | undefined {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  const field = '[\\d*/,-]+';
  const pattern = new RegExp(`^(CRON_TZ=[\\w/+-]+ )?${field}( ${field}){4}$`);
  if (!pattern.test(value)) {
    throw new InputError(
      'backstop-cron',
      `must be a cron of five fields, such as '41 15 * * *' (UTC; CRON_TZ=Europe/Paris before it for a zone); got '${outside(value, 60)}'.`,
    );
  }
  return value;
}
