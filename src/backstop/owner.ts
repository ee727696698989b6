// Who last set the backstop's schedule, and when: a forwarded header `Keepalive-Set-By: <ISO
// time> <who>` written with the schedule (QStash shows it back, and adds it to each beat, which
// the database ignores). Two workflows with different settings on one database and prefix would
// otherwise rewrite each other's schedule on every run without a word: a run leaves a schedule
// that another has set within HOLD_DAYS as it is, and says so; past that, the other is taken to
// have stopped, and the schedule is taken over, which is said too.

import { outside } from '../safe-text.js';

/** Not an `Upstash-…` name: the client forwards every header but those. */
export const SET_BY = 'Keepalive-Set-By';

export const HOLD_DAYS = 7;
const DAY_MS = 86_400_000;

export interface SetBy {
  /** Who set it, escaped and bounded (it is read back from QStash). */
  who: string;
  at: Date;
}

/** Printable ASCII only: the value travels as an HTTP header. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

/**
 * This run, as the setter of a schedule: the workflow file and job (the same on every run of
 * it, its shards included), else the workflow's name; the command line is one setter.
 */
export function backstopOwner(env: NodeJS.ProcessEnv): string {
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/keepalive.yml@refs/heads/main
  const file = /^[^@]+/.exec(env.GITHUB_WORKFLOW_REF?.trim() ?? '')?.[0] ?? '';
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const named = repository && `${repository} workflow '${env.GITHUB_WORKFLOW?.trim() ?? ''}'`;
  const job = env.GITHUB_JOB?.trim() ? ` (job ${env.GITHUB_JOB.trim()})` : '';
  return headerSafe(`${file || named || 'a workflow'}${job}`);
}

export const COMMAND_LINE_OWNER = 'the command line';

export function setByValue(owner: string, now: Date): string {
  return `${now.toISOString()} ${headerSafe(owner)}`;
}

/** The header as read back; undefined when absent (an older version) or not of this form. */
export function readSetBy(value: string, now: Date): SetBy | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z) (.{1,300})$/.exec(value);
  const at = new Date(match?.[1] ?? NaN);
  // A time ahead of this clock by more than a day would hold the schedule for ever.
  if (!match?.[2] || Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + DAY_MS) {
    return undefined;
  }
  return { who: outside(match[2], 200), at };
}

/** Whether another setter set it recently enough that it is taken to be still running. */
export function stillHeld(by: SetBy, now: Date): boolean {
  return now.getTime() - by.at.getTime() < HOLD_DAYS * DAY_MS;
}

/** When a schedule held by `by` may be taken over, as a date. */
export const heldUntil = (by: SetBy) =>
  new Date(by.at.getTime() + HOLD_DAYS * DAY_MS).toISOString().slice(0, 10);

/** How long ago, in words. */
export function ago(at: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 3_600_000));
  if (hours < 1) return 'less than an hour ago';
  if (hours === 1) return 'an hour ago';
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}
