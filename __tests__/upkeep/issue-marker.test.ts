// Regression test from an attack pass: what follows describes the defect as it was found.
// The alert issue of a database opens with a marker, `<!-- upstash-keepalive: database=X -->`,
// where X is the database's label. For an account database whose entry has no usable endpoint,
// the label is its name as the Developer API gave it, made printable but not escaped for the
// HTML comment: a name holding `-->` closes the comment early, and what follows renders in the
// issue body: an @mention (a notification to whoever is named), a link, markup. The rest of the
// body is escaped or fenced; only the marker is not.

import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/action.ts';
import { accountInputs, useAccount } from '../support/account.ts';
import { startFakeGitHub } from '../support/github-api.ts';
import { apiDatabase } from '../support/upstash-api.ts';

const world = useAccount();

describe("an account database's name in the alert issue", () => {
  it('cannot close the marker comment and put a mention or a link into the issue', async () => {
    const github = await startFakeGitHub();
    const name = 'x --> @octocat [sign in again](https://evil.example/login) <!-- y';
    world.api.databases = [apiDatabase(0, { database_name: name, endpoint: '' })];
    const run = await runInProcess(
      { ...accountInputs(world.api), 'alert-issue': 'true', 'github-token': github.token },
      { GITHUB_API_URL: github.url },
    ).finally(() => github.close());
    expect(run.exitCode).toBe(1);
    expect(github.issues).toHaveLength(1);
    const [marker = '', ...rest] = (github.issues[0]?.body ?? '').split('\n');
    // The marker is one comment that ends where the line ends, and nothing of the name escapes it.
    expect(marker).toMatch(/^<!-- upstash-keepalive: database=/);
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    // Outside the fenced cause (where GitHub renders nothing), no live mention.
    const rendered = rest.join('\n').replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(rendered).toContain('octocat');
    expect(rendered).not.toMatch(/(^|[^\\`])@octocat/m);
  });
});
