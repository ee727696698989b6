// The alert issues, labelled upstash-keepalive: one per failing database, one for refused inputs,
// one for the schedule's early warning: opened once, commented while the failure lasts (the
// warning: left alone), closed by the run that sees it resolved.

import type { RunPlace } from '../run-context.js';
import type { DatabaseReport } from '../keepalive.js';
import type { Report } from '../report/types.js';
import { issueText, markdown, outside } from '../safe-text.js';
import type { AlertIssue, GitHubApi } from './github.js';
import type { ScheduleFacts } from './schedule.js';

const ALERT_LABEL = 'upstash-keepalive';

/** The subject of the alert issue about refused inputs, when no database could be tried. */
export const CONFIGURATION = 'its configuration';

/** What the issues did, for the log and the summary. */
export interface IssueLog {
  done: string[];
  /**
   * The schedule warning's issue, when it remembers the warning: opened by this run (its notice
   * is sent once, with it) or already open. Undefined when it could not be opened.
   */
  scheduleIssue?: 'opened' | 'open';
}

/**
 * Writes one run makes at most, so a fleet failing at once neither floods the repository nor
 * meets GitHub's secondary rate limit (80 content-creating requests a minute): 10 issues opened,
 * 10 comments, 30 closed (a comment and a close each). The rest wait for the next runs.
 */
const CAPS = { open: 10, comment: 10, close: 30 } as const;

type Action = keyof typeof CAPS;

/** What is left undone for lack of room this run, one line per kind. */
function leftLine(action: Action, n: number): string {
  const cap = CAPS[action];
  switch (action) {
    case 'open':
      return `${n} more failing databases have no alert issue: at most ${cap} are opened per run (see the results output for every database).`;
    case 'comment':
      return `${n} more alert issues of failing databases were not commented on: at most ${cap} comments per run.`;
    case 'close':
      return `${n} more alert issues of recovered databases are left for the next run to close: at most ${cap} per run.`;
  }
}

/** What a database's issue needs, if anything. */
function actionFor(db: DatabaseReport, open: AlertIssue | undefined): Action | undefined {
  if (db.error) return open ? 'comment' : 'open';
  return open ? 'close' : undefined;
}

type Attempt = (task: () => Promise<void>) => Promise<void>;

/** Finds a database's issue; < > % and controls in its name encoded: no name ends the comment. */
const marker = (s: string) =>
  `<!-- upstash-keepalive: database=${s.replace(/[<>%\p{Cc}]/gu, encodeURIComponent)} -->`;
const SCHEDULE_MARKER = '<!-- upstash-keepalive: schedule -->';

/** Text shown as is: a fence longer than any run of backticks in it, so nothing closes it. */
function codeBlock(text: string): string {
  const safe = outside(text, 2_000);
  const longest = Math.max(2, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${safe}\n${fence}`;
}

function runLink(place: RunPlace): string {
  return place.runUrl ? `[run ${place.runId ?? ''}](${place.runUrl})` : 'a run';
}

export async function manageIssues(
  github: GitHubApi,
  report: Report,
  place: RunPlace,
  { schedule, leadsSchedule }: { schedule: ScheduleFacts | undefined; leadsSchedule: boolean },
  attempt: Attempt,
): Promise<IssueLog> {
  const log: IssueLog = { done: [] };
  const { issues: open, complete } = await github.openIssues(ALERT_LABEL);
  const find = (mark: string) => open.find((i) => i.body?.includes(mark));
  // Refused inputs (no database reached at all) get an issue of their own, closed once the
  // inputs are accepted again: by one job of a matrix, like the schedule's.
  const refused = { database: CONFIGURATION, source: '', attempts: 0, error: report.error };
  const subjects: DatabaseReport[] =
    report.databases.length > 0 ? report.databases : leadsSchedule ? [refused] : [];
  const used = { open: 0, comment: 0, close: 0 };
  // Not every open issue was read: one may exist for any database, so none is opened.
  const room = { ...CAPS, open: complete ? CAPS.open : 0 };
  const tasks: Promise<void>[] = [];
  for (const db of subjects) {
    const issue = find(marker(db.database));
    const action = actionFor(db, issue);
    if (action === undefined) continue;
    if (used[action]++ >= room[action]) continue;
    tasks.push(attempt(() => databaseIssue(github, report, db, place, log, issue)));
  }
  for (const action of ['open', 'comment', 'close'] as const) {
    const left = used[action] - room[action];
    if (left > 0 && (complete || action !== 'open')) log.done.push(leftLine(action, left));
  }
  if (!complete) {
    log.done.push(
      `Over ${open.length} open issues are labelled ${ALERT_LABEL}: no new alert issue is opened until some are closed.`,
    );
  }
  const configuration = find(marker(CONFIGURATION));
  if (report.databases.length > 0 && configuration && leadsSchedule) {
    const why = `The inputs are accepted again in ${runLink(place)}`;
    tasks.push(attempt(() => close(github, configuration, why, log)));
  }
  if (schedule) {
    const issue = find(SCHEDULE_MARKER);
    tasks.push(attempt(() => scheduleIssue(github, schedule, place, log, issue, complete)));
  }
  await Promise.all(tasks);
  return log;
}

async function close(github: GitHubApi, issue: AlertIssue, why: string, log: IssueLog) {
  await github.comment(issue.number, `${why}. Closing.`);
  await github.closeIssue(issue.number);
  log.done.push(`Closed alert issue #${issue.number}: resolved.`);
}

async function databaseIssue(
  github: GitHubApi,
  report: Report,
  db: DatabaseReport,
  place: RunPlace,
  log: IssueLog,
  open: AlertIssue | undefined,
): Promise<void> {
  const link = runLink(place);
  if (!db.error) {
    if (open) await close(github, open, `Recovered: ${report.mode} succeeded in ${link}`, log);
    return;
  }
  // The cause may quote what servers said or the database holds: in a code block, where an
  // @mention, a #reference or a link is only text.
  const details = [
    '**Cause:**',
    codeBlock(db.error.message),
    '',
    `**Fix:** ${issueText(db.error.fix)}`,
    '',
    `Mode ${markdown(report.mode)}, ${db.attempts} attempt(s), ${report.now.toISOString()}.`,
  ].join('\n');
  if (open) {
    await github.comment(open.number, `Still failing in ${link}.\n\n${details}`);
    log.done.push(`Commented on alert issue #${open.number}.`);
    return;
  }
  const body = [
    marker(db.database),
    `The keep-alive of **${issueText(db.database)}** failed in ${link}.`,
    '',
    details,
    '',
    'This issue is managed by upstash-keepalive: later failures are added as comments, and the next successful run closes it.',
  ].join('\n');
  const title = `Upstash keep-alive is failing: ${db.database}`;
  const issue = await github.openIssue(title, body, ALERT_LABEL);
  log.done.push(`Opened alert issue #${issue.number}.`);
}

/** Opened once when the warning fires, left alone while it lasts, closed when it is over. */
async function scheduleIssue(
  github: GitHubApi,
  schedule: ScheduleFacts,
  place: RunPlace,
  log: IssueLog,
  open: AlertIssue | undefined,
  complete: boolean,
): Promise<void> {
  if (schedule.warning === undefined) {
    if (open) await close(github, open, `The schedule is safe again in ${runLink(place)}`, log);
    return;
  }
  if (open) {
    log.scheduleIssue = 'open';
    return;
  }
  if (!complete) return; // it may be open among those not read
  const body = [
    SCHEDULE_MARKER,
    `⚠️ ${schedule.warning}`,
    '',
    `Seen in ${runLink(place)}. GitHub disables the scheduled workflows of a public repository after 60 days without activity, with one e-mail to whoever last edited the cron line; the keep-alive would then stop, and the database be archived after about 30 more days without traffic.`,
    '',
    'This issue is managed by upstash-keepalive: it is closed by the first run after new activity (a push), or once keep-workflow-alive is on.',
  ].join('\n');
  const title = 'Upstash keep-alive: GitHub will soon disable this schedule';
  const issue = await github.openIssue(title, body, ALERT_LABEL);
  log.scheduleIssue = 'opened';
  log.done.push(`Opened alert issue #${issue.number} about the schedule.`);
}
