// The keep-alive's own upkeep, through `node dist/index.js` started as the runner starts it on a
// scheduled run, against a loopback server speaking the GitHub REST endpoints (reached through the
// real @actions/github client via GITHUB_API_URL) and a loopback webhook receiver.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventPayload, runInProcess, type ActionRun, type Inputs } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import {
  startFakeGitHub,
  startWebhookReceiver,
  type FakeGitHub,
  type WebhookReceiver,
} from '../support/github-api.ts';
import { freePort } from '../support/redis-server.ts';

const stack = useStack();
let github: FakeGitHub;
let hook: WebhookReceiver;
const eventDir = mkdtempSync(path.join(tmpdir(), 'keepalive-events-'));

beforeAll(async () => {
  github = await startFakeGitHub();
  hook = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all([github.close(), hook.close()]);
  rmSync(eventDir, { recursive: true, force: true });
});
afterEach(() => {
  github.requests.length = 0;
  github.issues.length = 0;
  github.runs.length = 0;
  github.deny.clear();
  github.hang.clear();
  hook.messages.length = 0;
});

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** A schedule event's payload, last pushed `days` ago, as GITHUB_EVENT_PATH. */
function payload(days: number, isPrivate = false): Record<string, string> {
  const file = path.join(eventDir, `event-${days}-${String(isPrivate)}.json`);
  writeFileSync(
    file,
    JSON.stringify(eventPayload(new Date(Date.now() - days * 86_400_000), isPrivate)),
  );
  return { GITHUB_EVENT_PATH: file };
}
const WORKFLOW_REF = 'octo-org/keepalive-demo/.github/workflows/keepalive.yml@refs/heads/main';

function scheduled(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_WORKFLOW_REF: WORKFLOW_REF,
    GITHUB_API_URL: github.url,
    ...extra,
  };
}

const healthy = (extra: Inputs = {}): Inputs => ({
  url: stack.front.url,
  token: stack.front.tokens.full,
  'github-token': github.token,
  ...extra,
});
const failing = (extra: Inputs = {}): Inputs =>
  healthy({ token: 'AXwrongTokenForTheAlert=', ...extra });

const calls = () => github.requests.map((r) => `${r.method} ${r.path}`);

function noSecrets(run: ActionRun): void {
  for (const secret of [github.token, hook.url, stack.front.tokens.full, 'webhookSecretPart123']) {
    expect(leaks(run.everything, secret), `a secret in what the run printed`).toEqual([]);
  }
}

describe('re-arming the schedule (opt-in)', () => {
  const on = { 'keep-workflow-alive': 'true' };

  it('re-enables the running workflow when the last push is older than the threshold', async () => {
    const run = await runInProcess(healthy(on), scheduled(payload(45)));
    expect(run.exitCode).toBe(0);
    expect(calls()).toEqual([
      'PUT /repos/octo-org/keepalive-demo/actions/workflows/keepalive.yml/enable',
    ]);
    expect(github.requests[0]?.authorization).toBe(`token ${github.token}`);
    expect(run.outputs['workflow-rearmed']).toBe('true');
    expect(run.stdout).toContain(
      'Re-armed the schedule of keepalive.yml: the last push was 45 days ago.',
    );
    expect(run.summary).toContain('Re-armed the schedule of keepalive.yml');
    expect(run.outputs['schedule-warning']).toBe('false');
    noSecrets(run);
  });

  it('does not send the enable request when the last push is recent', async () => {
    const run = await runInProcess(healthy(on), scheduled(payload(3)));
    expect(run.exitCode).toBe(0);
    expect(calls()).toEqual([]);
    expect(run.outputs['workflow-rearmed']).toBe('false');
  });

  it('honours keep-alive-after-days; reads the last push from the API when the payload lacks it', async () => {
    github.pushedAt = daysAgo(3);
    const run = await runInProcess(
      healthy({ ...on, 'keep-alive-after-days': '2' }),
      scheduled({ GITHUB_EVENT_PATH: '' }),
    );
    expect(calls()).toEqual([
      'GET /repos/octo-org/keepalive-demo',
      'PUT /repos/octo-org/keepalive-demo/actions/workflows/keepalive.yml/enable',
    ]);
    expect(run.outputs['workflow-rearmed']).toBe('true');
  });

  it('a missing permission (403) is a warning naming actions: write; the keep-alive succeeds', async () => {
    github.deny.add('enable');
    const run = await runInProcess(healthy(on), scheduled(payload(90)));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      ok: 'true',
      'maintenance-count': '1',
      'workflow-rearmed': 'false',
    });
    expect(run.stdout).toMatch(
      /^::warning::Re-enabling workflow keepalive\.yml failed \(HTTP 403: Resource not accessible by integration.*add `permissions: actions: write`/m,
    );
    noSecrets(run);
  });

  it('is not done on other events, nor when off (the default)', async () => {
    const push = await runInProcess(
      healthy(on),
      scheduled({ ...payload(90), GITHUB_EVENT_NAME: 'push' }),
    );
    const off = await runInProcess(healthy(), scheduled(payload(55)));
    expect([push.exitCode, off.exitCode]).toEqual([0, 0]);
    expect(github.requests).toHaveLength(0);
    for (const run of [push, off]) expect(run.outputs['workflow-rearmed']).toBe('false');
  });

  it('is done on a workflow_dispatch run too', async () => {
    const run = await runInProcess(
      healthy(on),
      scheduled({ ...payload(46), GITHUB_EVENT_NAME: 'workflow_dispatch' }),
    );
    expect(run.outputs['workflow-rearmed']).toBe('true');
  });
});

describe('early warning, on by default', () => {
  it('a scheduled run with every input at its default writes the maintenance and calls GitHub zero times', async () => {
    const run = await runInProcess(
      { url: stack.front.url, token: stack.front.tokens.full, 'github-token': github.token },
      scheduled(payload(10)),
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      mode: 'maintenance',
      'maintenance-count': '1',
      'days-since-activity': '10',
      'schedule-warning': 'false',
    });
    expect(github.requests).toHaveLength(0);
    expect(run.stdout).not.toMatch(/^::warning::/m);
    expect(run.summary).toMatch(/the last push was 10 days ago \(from the event payload\)/);
  });

  it('at 55 days: an annotation and a summary line every run; an issue and a webhook post once', async () => {
    const inputs = healthy({ 'alert-issue': 'true', 'webhook-url': hook.url });
    const first = await runInProcess(inputs, scheduled(payload(55)));
    expect(first.exitCode).toBe(0);
    const warning =
      'GitHub will disable this schedule in about 5 days (after 60 days without activity in a public repository; the last push was 55 days ago): push a commit, or set keep-workflow-alive: true.';
    expect(first.stdout).toContain(`::warning::${warning}`);
    expect(first.summary).toContain('GitHub will disable this schedule in about 5 days');
    expect(first.outputs).toMatchObject({
      'schedule-warning': 'true',
      'days-since-activity': '55',
    });
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.title).toBe(
      'Upstash keep-alive: GitHub will soon disable this schedule',
    );
    expect(github.issues[0]?.body).toContain(warning);
    expect(hook.messages).toHaveLength(1);
    expect(hook.messages[0]).toMatchObject({ event: 'schedule-warning', ok: true });
    expect(String(hook.messages[0]?.text)).toContain(warning);

    const next = await runInProcess(inputs, scheduled(payload(56)));
    expect(next.stdout).toContain('::warning::GitHub will disable this schedule in about 4 days');
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.comments).toHaveLength(0);
    expect(hook.messages).toHaveLength(1);

    const pushed = await runInProcess(inputs, scheduled(payload(0)));
    expect(pushed.outputs['schedule-warning']).toBe('false');
    expect(github.issues[0]?.state).toBe('closed');
    noSecrets(first);
  });

  it('without an alert issue, the webhook hears it from the first run past the threshold only', async () => {
    const inputs = healthy({ 'webhook-url': hook.url });
    await stack.admin.call('SET', 'upstash-keepalive:last-maintenance', daysAgo(1));
    await runInProcess(inputs, scheduled(payload(50.5)));
    expect(hook.messages.map((m) => m.event)).toEqual(['schedule-warning']);
    await runInProcess(inputs, scheduled(payload(51.5)));
    expect(hook.messages).toHaveLength(1);
  });

  it('a private repository is not subject to the rule: a note, no warning', async () => {
    const run = await runInProcess(healthy(), scheduled(payload(58, true)));
    expect(run.exitCode).toBe(0);
    expect(run.outputs['schedule-warning']).toBe('false');
    expect(run.stdout).not.toMatch(/^::warning::/m);
    expect(run.stdout).toContain("This repository is private: GitHub's 60-day rule");
    expect(run.summary).toContain('This repository is private');
  });

  it('a payload without pushed_at: one GET, and the warning from its answer', async () => {
    github.pushedAt = daysAgo(57);
    const run = await runInProcess(healthy(), scheduled({ GITHUB_EVENT_PATH: '' }));
    expect(calls()).toEqual(['GET /repos/octo-org/keepalive-demo']);
    expect(run.outputs).toMatchObject({ 'schedule-warning': 'true', 'days-since-activity': '57' });
  });

  it('GitHub failing: the run stays green with a warning that says what failed', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await runInProcess(
      healthy(),
      scheduled({ GITHUB_EVENT_PATH: '', GITHUB_API_URL: closed }),
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ ok: 'true', 'days-since-activity': '' });
    expect(run.stdout).toMatch(/^::warning::Reading the repository failed \(connect ECONNREFUSED/m);
    expect(run.stdout).not.toMatch(/HTTP 500/);
  });
});

describe('alert issue', () => {
  const noRearm = { 'keep-workflow-alive': 'false', 'alert-issue': 'true' };

  it('a failure opens one issue, the next comments on it, a success closes it', async () => {
    const first = await runInProcess(failing(noRearm), scheduled());
    expect(first.exitCode).toBe(1);
    expect(github.issues).toHaveLength(1);
    const [issue] = github.issues;
    expect(issue).toMatchObject({ state: 'open', labels: ['upstash-keepalive'] });
    expect(issue?.title).toBe(`Upstash keep-alive is failing: ${new URL(stack.front.url).host}`);
    expect(issue?.body).toMatch(
      /\*\*Cause:\*\*\n```+text\nThe database rejected the token[\s\S]*\*\*Fix:\*\* use the REST token/,
    );
    expect(issue?.body).toContain(
      'https://github.com/octo-org/keepalive-demo/actions/runs/1234567890',
    );
    expect(first.stdout).toContain('Opened alert issue #1.');

    const second = await runInProcess(failing(noRearm), scheduled());
    expect(second.exitCode).toBe(1);
    expect(github.issues).toHaveLength(1);
    expect(issue?.comments).toHaveLength(1);
    expect(issue?.comments[0]).toMatch(/^Still failing in \[run 1234567890\]/);

    const third = await runInProcess(healthy(noRearm), scheduled());
    expect(third.exitCode).toBe(0);
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(issue?.comments[1]).toMatch(/^Recovered: maintenance succeeded/);
    expect(third.stdout).toContain('Closed alert issue #1');
    for (const run of [first, second, third]) noSecrets(run);
  });

  it('refused inputs (the URL secret is gone) open an issue too; accepted inputs close it', async () => {
    const broken = await runInProcess(healthy({ ...noRearm, url: '' }), scheduled());
    expect(broken.exitCode).toBe(1);
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.title).toBe('Upstash keep-alive is failing: its configuration');
    expect(github.issues[0]?.body).toMatch(/\*\*Cause:\*\*\n```+text\nInput 'url' is required/);
    const fixed = await runInProcess(healthy(noRearm), scheduled());
    expect(fixed.exitCode).toBe(0);
    expect(github.issues[0]).toMatchObject({ state: 'closed' });
    expect(github.issues[0]?.comments.at(-1)).toMatch(/^The inputs are accepted again/);
  });

  it('with several databases, only the failing one gets an issue', async () => {
    const run = await runInProcess(
      healthy({
        ...noRearm,
        url: `${stack.front.url}\nhttp://127.0.0.1:${await freePort()}`,
        token: `${stack.front.tokens.full}\n${stack.front.tokens.full}`,
        'max-attempts': '1',
      }),
      scheduled(),
    );
    expect(run.exitCode).toBe(1);
    expect(github.issues.map((i) => i.title)).toEqual([
      expect.stringMatching(/^Upstash keep-alive is failing: 127\.0\.0\.1:\d+$/) as unknown,
    ]);
    expect(github.issues[0]?.title).not.toContain(new URL(stack.front.url).host);
  });

  it('a success with no open issue makes no write', async () => {
    const run = await runInProcess(healthy(noRearm), scheduled());
    expect(run.exitCode).toBe(0);
    expect(calls()).toEqual(['GET /repos/octo-org/keepalive-demo/issues']);
  });

  it('without issues: write, a warning names the permission; the failure is still reported', async () => {
    github.deny.add('create-issue');
    const run = await runInProcess(failing(noRearm), scheduled());
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /^::warning::Opening the alert issue ".*" failed \(HTTP 403.*`permissions: issues: write`/m,
    );
    expect(run.stdout).toMatch(/^::error::The database rejected the token/m);
  });
});

describe('webhook', () => {
  const webhook = () => ({ 'keep-workflow-alive': 'false', 'webhook-url': hook.url });

  it('one message per failure, one on recovery, none on an ordinary success', async () => {
    await runInProcess(failing(webhook()), scheduled());
    await runInProcess(failing(webhook()), scheduled());
    expect(hook.messages).toHaveLength(2);
    const [failure] = hook.messages;
    expect(failure).toMatchObject({
      event: 'failure',
      ok: false,
      kind: 'auth',
      repository: 'octo-org/keepalive-demo',
      run_url: 'https://github.com/octo-org/keepalive-demo/actions/runs/1234567890',
    });
    expect(failure?.text).toMatch(
      /^❌ Upstash keep-alive failed for 127\.0\.0\.1:\d+ \(octo-org\/keepalive-demo\): The database rejected the token/,
    );
    expect(String(failure?.content)).toMatch(
      /^❌ Upstash keep-alive failed for 127\.0\.0\.1:\d+ \\\(octo-org/,
    );
    expect(failure?.allowed_mentions).toEqual({ parse: [] });

    // The previous run of the workflow failed: this success is a recovery.
    github.runs.push({ id: 1234567890, conclusion: null }, { id: 1111, conclusion: 'failure' });
    const recovered = await runInProcess(healthy(webhook()), scheduled());
    expect(recovered.exitCode).toBe(0);
    expect(hook.messages).toHaveLength(3);
    expect(hook.messages[2]).toMatchObject({ event: 'recovery', ok: true, error: null });
    expect(String(hook.messages[2]?.text)).toMatch(/^✅ Upstash keep-alive recovered for/);
    expect(calls()).toContain(
      'GET /repos/octo-org/keepalive-demo/actions/workflows/keepalive.yml/runs',
    );

    // The previous run succeeded: nothing to say.
    github.runs.splice(0, github.runs.length, { id: 2222, conclusion: 'success' });
    const ordinary = await runInProcess(healthy(webhook()), scheduled());
    expect(ordinary.exitCode).toBe(0);
    expect(hook.messages).toHaveLength(3);
    noSecrets(recovered);
  });

  it('a webhook that fails is a warning without its URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}/services/T0/B0/secretHookPath`;
    const run = await runInProcess(
      failing({ 'keep-workflow-alive': 'false', 'webhook-url': url }),
      scheduled(),
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::warning::Posting to webhook-url failed \(could not connect\)/m);
    expect(leaks(run.everything, 'secretHookPath')).toEqual([]);
    expect(run.stdout).toContain('::add-mask::http://127.0.0.1');
  });
});

describe('one time budget for all of the upkeep', () => {
  it('hung GitHub calls for several failing databases end within the budget, run side by side', async () => {
    github.hang.add('enable').add('create-issue');
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const hung = await startWebhookReceiver({ hang: true });
    const started = Date.now();
    const run = await runInProcess(
      healthy({
        url: ports.map((p) => `http://127.0.0.1:${p}`).join('\n'),
        token: ports.map(() => 'AXsomeTokenValue=').join('\n'),
        'max-attempts': '1',
        'timeout-seconds': '2',
        'alert-issue': 'true',
        'webhook-url': hung.url,
        'keep-workflow-alive': 'true',
      }),
      scheduled(payload(90)),
    );
    const elapsed = Date.now() - started;
    await hung.close();
    // One budget of 5 s (twice timeout-seconds, at least 5 s), not 2 s per call in a row.
    expect(elapsed).toBeLessThan(5_000 + 2_500);
    expect(run.exitCode).toBe(1);
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings.filter((w) => w.includes("no answer within the upkeep's 5 s"))).toHaveLength(6);
    expect(run.stdout).not.toMatch(/HTTP 500/);
  });
});

describe('what GitHub and stored values say is not trusted', () => {
  it('a hostile cause is quoted as text in the issue, and as escaped text to Discord', async () => {
    await stack.admin.call(
      'SET',
      'upstash-keepalive:last-maintenance',
      '@octocat octo-org/other#1 [Click](https://evil.example)',
    );
    const run = await runInProcess(
      healthy({ mode: 'status', 'alert-issue': 'true', 'webhook-url': hook.url }),
      scheduled(payload(1)),
    );
    expect(run.exitCode).toBe(1);
    const body = github.issues[0]?.body ?? '';
    const fenced = /```+text\n([\s\S]*?)\n```+/.exec(body)?.[1] ?? '';
    expect(fenced).toContain('@octocat');
    expect(body.replace(fenced, '')).not.toContain('@octocat');
    expect(String(hook.messages[0]?.content)).toContain('\\[Click\\]\\(https://evil.example\\)');
  });

  it('an issue list that is not a list is a warning, not a crash', async () => {
    github.issuesAnswer = { message: 'not a list' };
    const run = await runInProcess(failing({ 'alert-issue': 'true' }), scheduled(payload(1)));
    github.issuesAnswer = undefined;
    expect(run.stdout).toMatch(
      /^::warning::Looking for the alert issue failed \(the answer is not a list\)/m,
    );
  });
});
