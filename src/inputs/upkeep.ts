// The upkeep's inputs: the schedule's thresholds, the GitHub token, the alerts.

import { isLoopback } from '../connections/url.js';
import { InputError } from '../input-error.js';
import { outside } from '../safe-text.js';
import { DEFAULTS, type InputReader } from './limits.js';
import { parseBoolean, parseNumber } from './values.js';

export interface UpkeepSettings {
  /** Opt-in: re-enable the workflow through GitHub's API (see upkeep/schedule.ts for why). */
  keepWorkflowAlive: boolean;
  /** Re-arm only when the repository's last push is older than this many days. */
  keepAliveAfterDays: number;
  /** Warn from this many days without activity on, while keep-workflow-alive is off. */
  warnAfterDays: number;
  githubToken: string;
  alertIssue: boolean;
  webhookUrl: string | undefined;
}

/** Read on its own too, so a run whose other inputs are refused can still raise its alerts. */
export function parseUpkeepSettings(read: InputReader): UpkeepSettings {
  return {
    keepWorkflowAlive: parseBoolean(
      'keep-workflow-alive',
      read('keep-workflow-alive'),
      DEFAULTS.keepWorkflowAlive,
    ),
    keepAliveAfterDays: parseDays(read('keep-alive-after-days')),
    warnAfterDays: parseWarnDays(read('warn-after-days')),
    githubToken: read('github-token').trim(),
    alertIssue: parseBoolean('alert-issue', read('alert-issue'), false),
    webhookUrl: parseWebhookUrl(read('webhook-url')),
  };
}

function parseDays(raw: string): number {
  const accepted = 'a number of days, 0 or more (0: re-arm on every scheduled run)';
  const days = parseNumber('keep-alive-after-days', raw, accepted) ?? DEFAULTS.keepAliveAfterDays;
  if (days > 365) {
    throw new InputError(
      'keep-alive-after-days',
      `must be ${accepted}, at most 365; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return days;
}

function parseWarnDays(raw: string): number {
  const accepted = 'a whole number of days from 0 to 59 (GitHub disables schedules at 60)';
  const days = parseNumber('warn-after-days', raw, accepted) ?? DEFAULTS.warnAfterDays;
  if (!Number.isInteger(days) || days > 59) {
    throw new InputError(
      'warn-after-days',
      `must be ${accepted}; got '${outside(raw.trim(), 100)}'.`,
    );
  }
  return days;
}

function parseWebhookUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      'webhook-url',
      'is not a valid URL: expected a Slack or Discord incoming webhook URL (https://…).',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      'webhook-url',
      'must not contain user:password@: a webhook URL carries its secret in its path.',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new InputError(
      'webhook-url',
      'must start with https:// (plain http:// only for a local receiver): the URL is a secret.',
    );
  }
  return value;
}
