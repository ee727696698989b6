// The release script, run for real in a throwaway clone of this checkout (its uncommitted changes
// included): it refuses what must not be released, then tags vX.Y.Z and moves vX, with the
// version in package.json and dist/, and the owner filled in where the docs say OWNER.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';

let clone: string;
const identity = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.invalid',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.invalid',
};
const env = { ...process.env, ...identity };
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: clone, encoding: 'utf8', env }).trim();
/** git grep's matches in shipped files (it exits 1 when there are none). */
const grep = (...args: string[]) =>
  spawnSync('git', ['grep', ...args, '--', '.', ...SHIPPED], { cwd: clone, encoding: 'utf8' })
    .stdout;
const SHIPPED = [':(exclude)__tests__', ':(exclude)scripts', ':(exclude)CHANGELOG.md'];
const release = (version: string) =>
  spawnSync(process.execPath, ['scripts/release.ts', version], {
    cwd: clone,
    encoding: 'utf8',
    env,
  });
const current = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const next = current.replace(/\d+$/, (patch) => String(Number(patch) + 1));
const major = `v${current.split('.')[0] ?? ''}`;
const file = (name: string) => path.join(clone, name);
const dated = (version: string) =>
  new RegExp(
    `^## Unreleased\\n\\n## ${version.replace(/\./g, '\\.')} — \\d{4}-\\d\\d-\\d\\d\\n`,
    'm',
  );
const PUBLISHED = 'https://github.com/octo-org/upstash-keepalive.git';

/** Commits a change, runs the release on it (which must refuse), and takes the change back. */
function refusedWith(name: string, content: string): string {
  const before = readFileSync(file(name), 'utf8');
  writeFileSync(file(name), content);
  git('commit', '--quiet', '-am', 'A change the release must refuse');
  const run = release(next);
  git('reset', '--quiet', '--hard', 'HEAD~1');
  expect(readFileSync(file(name), 'utf8')).toBe(before);
  expect(run.status).toBe(1);
  return run.stderr;
}

beforeAll(() => {
  clone = mkdtempSync(path.join(tmpdir(), 'keepalive-release-'));
  // This checkout as it stands, as `main`, without tags (a release made here already must not
  // turn the first-release test into a later one): --shared reads ROOT's objects, including the
  // commit `git stash create` makes of uncommitted changes (empty output when there are none).
  const root = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', env }).trim();
  const state = root('stash', 'create') || root('rev-parse', 'HEAD');
  execFileSync('git', ['clone', '--quiet', '--shared', '--no-checkout', '--no-tags', ROOT, clone]);
  git('checkout', '--quiet', '-B', 'main', state);
  // A copy, not a link: module paths, so the bundle's chunk names, must be those of a checkout.
  // Hard links make it instant on one file system; a plain copy otherwise.
  const copy = (flags: string) =>
    execFileSync('cp', [flags, path.join(ROOT, 'node_modules'), file('node_modules')]);
  try {
    copy('-al');
  } catch {
    copy('-a');
  }
  git('config', 'user.name', identity.GIT_AUTHOR_NAME);
  git('config', 'user.email', identity.GIT_AUTHOR_EMAIL);
  git('remote', 'set-url', 'origin', PUBLISHED);
  // The notes of the first release: there are some as long as nothing was released.
  const changelog = readFileSync(file('CHANGELOG.md'), 'utf8');
  expect(changelog, 'CHANGELOG.md has a "## Unreleased" heading line').toMatch(/^## Unreleased$/m);
  writeFileSync(file('CHANGELOG.md'), changelog.replace(/^## Unreleased$/m, '$&\n\n- A note.'));
  git('commit', '--quiet', '-am', 'Notes for the first release');
});
afterAll(() => {
  rmSync(clone, { recursive: true, force: true });
});

it('refuses a dirty tree, a version below the current one, and no usage', () => {
  expect(release('not-a-version').stderr).toMatch(/usage: npm run release -- X\.Y\.Z/);
  expect(release('0.0.1').stderr).toMatch(/is not above the current version/);
  writeFileSync(file('stray.txt'), 'uncommitted');
  const dirty = release(next);
  rmSync(file('stray.txt'));
  expect(dirty.status).toBe(1);
  expect(dirty.stderr).toMatch(/the working tree has changes/);
});

it('refuses without a GitHub origin: the docs name the repository users will use', () => {
  git('remote', 'set-url', 'origin', 'https://gitlab.com/octo-org/upstash-keepalive.git');
  const elsewhere = release(next);
  git('remote', 'remove', 'origin');
  const none = release(next);
  git('remote', 'add', 'origin', PUBLISHED);
  expect(elsewhere.status).toBe(1);
  expect(elsewhere.stderr).toMatch(/origin is not a repository on github\.com/);
  expect(elsewhere.stderr).not.toContain('gitlab');
  expect(none.status).toBe(1);
  expect(none.stderr).toMatch(
    /no remote named origin: git remote add origin https:\/\/github\.com\//,
  );
});

// 9eb30ea merged the heading into the sentence above it: "The release script moves the
// `## Unreleased" ended a line, and the release took it for the heading.
it('refuses a CHANGELOG.md whose "## Unreleased" is not a heading line of its own', () => {
  const changelog = readFileSync(file('CHANGELOG.md'), 'utf8');
  const merged = changelog.replace(
    /`## Unreleased` section[^\n]*\n\n## Unreleased\n/,
    '`## Unreleased\n',
  );
  expect(merged).not.toBe(changelog);
  expect(refusedWith('CHANGELOG.md', merged)).toMatch(/no "## Unreleased" heading line/);
});

it('refuses an OWNER it cannot fill in, before building anything', () => {
  const doc = readFileSync(file('docs/backstop.md'), 'utf8');
  const stray = refusedWith('docs/backstop.md', `${doc}\nuses: OWNER/another-action@v1\n`);
  expect(stray).toMatch(/OWNER is left in docs\/backstop\.md:\d+/);
});

// Nothing was ever published: the first release may be the version package.json already holds.
it('makes the first release at the current version, and only the first', () => {
  expect(git('tag', '--list')).toBe('');
  const placeholders = grep('-l', 'OWNER/upstash-keepalive').split('\n').filter(Boolean);
  expect(placeholders).toContain('README.md');
  const first = release(current);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(git('rev-list', '-n', '1', `v${current}`)).toBe(git('rev-parse', 'HEAD'));
  expect(git('rev-list', '-n', '1', major)).toBe(git('rev-parse', 'HEAD'));
  expect(readFileSync(file('CHANGELOG.md'), 'utf8')).toMatch(dated(current));
  // The owner comes from origin; nothing users read still says OWNER.
  expect(grep('-n', '-w', 'OWNER')).toBe('');
  for (const name of placeholders) {
    expect(readFileSync(file(name), 'utf8'), name).toContain('octo-org/upstash-keepalive');
  }
  expect(readFileSync(file('README.md'), 'utf8')).toContain('uses: octo-org/upstash-keepalive@v1');
  expect(release(current).stderr).toMatch(/is not above the current version/);
  // The next release needs notes of its own.
  expect(release(next).stderr).toMatch(/no notes under "## Unreleased"/);
  const changelog = readFileSync(file('CHANGELOG.md'), 'utf8');
  writeFileSync(file('CHANGELOG.md'), changelog.replace(/^## Unreleased$/m, '$&\n\n- A fix.'));
  git('commit', '--quiet', '-am', 'Notes for the next release');
}, 120_000);

it('releases: version everywhere, notes dated, vX.Y.Z tagged and the major tag moved', () => {
  // A later release, from an SSH origin: the owner is filled in already.
  git('remote', 'set-url', 'origin', 'git@github.com:octo-org/upstash-keepalive.git');
  const run = release(next);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`git push origin main v${next}`);
  const head = git('rev-parse', 'HEAD');
  expect(git('rev-list', '-n', '1', `v${next}`)).toBe(head);
  expect(git('rev-list', '-n', '1', major)).toBe(head);
  expect(git('log', '-1', '--format=%s')).toBe(`Release v${next}`);
  expect(git('status', '--porcelain')).toBe('');
  expect(readFileSync(file('CHANGELOG.md'), 'utf8')).toMatch(dated(next));
  const printed = execFileSync(process.execPath, [file('dist/cli.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(printed.trim()).toBe(next);
}, 120_000);
