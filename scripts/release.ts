// npm run release -- X.Y.Z: releases version X.Y.Z from a clean main, and moves the major tag.
//  1. refuses a dirty tree, another branch, a version not above the current one (the first
//     release may keep it), a tag that exists, or an empty "## Unreleased" section in CHANGELOG.md;
//  2. rebuilds dist/ and refuses when it differs from the committed one (it must have been
//     committed with the code it comes from);
//  3. sets the version in package.json and package-lock.json, moves the Unreleased notes under
//     "## X.Y.Z — date", rebuilds dist/ (the version is in it), commits "Release vX.Y.Z";
//  4. tags vX.Y.Z and moves vX to it, then prints the push commands (it pushes nothing itself).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

function fail(message: string): never {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const npm = (...args: string[]) => execFileSync('npm', args, { stdio: 'ignore' });

const version = process.argv[2] ?? '';
if (!/^\d+\.\d+\.\d+$/.test(version)) fail('usage: npm run release -- X.Y.Z');
const current = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const numbers = (v: string) => v.split('.').map(Number);
const [a = 0, b = 0, c = 0] = numbers(version);
const [x = 0, y = 0, z = 0] = numbers(current);
// Before any version tag exists nothing was published: the first release may be the version
// package.json already holds (1.0.0); every later one must be above it.
const firstRelease = git('tag', '--list', 'v*') === '' && version === current;
if (!firstRelease && a * 1e12 + b * 1e6 + c <= x * 1e12 + y * 1e6 + z) {
  fail(`${version} is not above the current version, ${current}.`);
}
if (git('status', '--porcelain') !== '') fail('the working tree has changes: commit them first.');
const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
if (branch !== 'main') fail(`releases are made from main, not from ${branch}.`);
if (git('tag', '--list', `v${version}`) !== '') fail(`tag v${version} exists already.`);

const changelog = readFileSync('CHANGELOG.md', 'utf8');
const unreleased = /## Unreleased\n([\s\S]*?)(?=\n## |$)/.exec(changelog);
if (!unreleased || unreleased[1]?.trim() === '') {
  fail('CHANGELOG.md has no notes under "## Unreleased": say what this release changes.');
}

npm('run', 'bundle');
if (git('status', '--porcelain', '--', 'dist') !== '') {
  fail('dist/ differs from what `npm run bundle` builds: commit the rebuilt dist/ first.');
}

npm('version', version, '--no-git-tag-version', '--allow-same-version');
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  'CHANGELOG.md',
  changelog.replace('## Unreleased\n', `## Unreleased\n\n## ${version} — ${date}\n`),
);
npm('run', 'bundle');
git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist');
git('commit', '--quiet', '-m', `Release v${version}`);
const major = `v${String(a)}`;
git('tag', '--annotate', `v${version}`, '-m', `v${version}`);
git('tag', '--annotate', '--force', major, '-m', `${major}: latest is v${version}`);
process.stdout.write(
  `Released v${version}; ${major} now points to it. Publish with:\n` +
    `  git push origin main v${version}\n  git push --force origin ${major}\n`,
);
