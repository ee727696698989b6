// The release script, run for real in a throwaway clone of this repository: it refuses what must
// not be released, then tags vX.Y.Z and moves vX, with the version in package.json and dist/.

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
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, ...identity },
  }).trim();
const release = (version: string) =>
  spawnSync(process.execPath, ['scripts/release.ts', version], {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, ...identity },
  });
const current = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
const next = current.replace(/\d+$/, (patch) => String(Number(patch) + 1));
const major = `v${current.split('.')[0] ?? ''}`;

beforeAll(() => {
  clone = mkdtempSync(path.join(tmpdir(), 'keepalive-release-'));
  execFileSync('git', ['clone', '--quiet', '--branch', 'main', ROOT, clone]);
  // A copy, not a link: module paths, so the bundle's chunk names, must be those of a checkout.
  // Hard links make it instant on one file system; a plain copy otherwise.
  const copy = (flags: string) =>
    execFileSync('cp', [flags, path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
  try {
    copy('-al');
  } catch {
    copy('-a');
  }
  git('config', 'user.name', identity.GIT_AUTHOR_NAME);
  git('config', 'user.email', identity.GIT_AUTHOR_EMAIL);
});
afterAll(() => {
  rmSync(clone, { recursive: true, force: true });
});

it('refuses a dirty tree, a version below the current one, and no usage', () => {
  expect(release('not-a-version').stderr).toMatch(/usage: npm run release -- X\.Y\.Z/);
  expect(release('0.0.1').stderr).toMatch(/is not above the current version/);
  writeFileSync(path.join(clone, 'stray.txt'), 'uncommitted');
  const dirty = release(next);
  rmSync(path.join(clone, 'stray.txt'));
  expect(dirty.status).toBe(1);
  expect(dirty.stderr).toMatch(/the working tree has changes/);
});

// Nothing was ever published: the first release may be the version package.json already holds.
it('makes the first release at the current version, and only the first', () => {
  expect(git('tag', '--list')).toBe('');
  const first = release(current);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(git('rev-list', '-n', '1', `v${current}`)).toBe(git('rev-parse', 'HEAD'));
  expect(git('rev-list', '-n', '1', major)).toBe(git('rev-parse', 'HEAD'));
  expect(readFileSync(path.join(clone, 'CHANGELOG.md'), 'utf8')).toMatch(
    new RegExp(`## Unreleased\\n\\n## ${current.replace(/\./g, '\\.')} — \\d{4}-\\d\\d-\\d\\d\\n`),
  );
  expect(release(current).stderr).toMatch(/is not above the current version/);
  // The next release needs notes of its own.
  expect(release(next).stderr).toMatch(/no notes under "## Unreleased"/);
  const changelog = readFileSync(path.join(clone, 'CHANGELOG.md'), 'utf8');
  writeFileSync(
    path.join(clone, 'CHANGELOG.md'),
    changelog.replace('## Unreleased\n', '## Unreleased\n\n- A fix.\n'),
  );
  git('commit', '--quiet', '-am', 'Notes for the next release');
}, 120_000);

it('releases: version everywhere, notes dated, vX.Y.Z tagged and the major tag moved', () => {
  const run = release(next);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`git push origin main v${next}`);
  const head = git('rev-parse', 'HEAD');
  expect(git('rev-list', '-n', '1', `v${next}`)).toBe(head);
  expect(git('rev-list', '-n', '1', major)).toBe(head);
  expect(git('log', '-1', '--format=%s')).toBe(`Release v${next}`);
  expect(git('status', '--porcelain')).toBe('');
  const changelog = readFileSync(path.join(clone, 'CHANGELOG.md'), 'utf8');
  expect(changelog).toMatch(
    new RegExp(`## Unreleased\\n\\n## ${next.replace(/\./g, '\\.')} — \\d{4}-\\d\\d-\\d\\d\\n`),
  );
  const printed = execFileSync(process.execPath, [path.join(clone, 'dist/cli.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(printed.trim()).toBe(next);
}, 120_000);
