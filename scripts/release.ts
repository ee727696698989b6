// npm run release -- X.Y.Z: releases version X.Y.Z from a clean main, and moves the major tag.
//  1. refuses a dirty tree, another branch, a version not above the current one (the first
//     release may keep it), a tag that exists, an origin that is not a repository on github.com,
//     a CHANGELOG.md without notes under its "## Unreleased" heading line, or an OWNER left in
//     a shipped file that is not `OWNER/upstash-keepalive`;
//  2. rebuilds dist/ and refuses when it differs from the committed one (it must have been
//     committed with the code it comes from);
//  3. sets the version in package.json and package-lock.json, moves the Unreleased notes under
//     "## X.Y.Z — date", writes origin's owner/name where the docs say OWNER/upstash-keepalive,
//     rebuilds dist/ (the version is in it), commits "Release vX.Y.Z";
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

/** owner/name of the repository users will write in `uses:`, from origin's URL. */
function publishedAs(): string {
  let url: string;
  try {
    url = execFileSync('git', ['remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    fail('no remote named origin: git remote add origin https://github.com/<owner>/<name>.git');
  }
  // https://github.com/o/r(.git), with or without credentials; git@github.com:o/r(.git);
  // ssh://git@github.com/o/r(.git). The URL itself is not printed: it may hold a token.
  url = url.trim();
  const host = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|(?:ssh:\/\/)?git@github\.com[:/])/.exec(
    url,
  );
  const match = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/.exec(
    url.slice(host?.[0].length ?? url.length),
  );
  if (!host || !match) {
    fail('origin is not a repository on github.com: the docs name the one users use.');
  }
  return `${match[1] ?? ''}/${match[2] ?? ''}`;
}
const repository = publishedAs();

const changelog = readFileSync('CHANGELOG.md', 'utf8');
// The heading is a line of its own: 9eb30ea left "`## Unreleased" at the end of a sentence.
const heading = /^## Unreleased[ \t]*$/m.exec(changelog);
if (!heading) {
  fail('CHANGELOG.md has no "## Unreleased" heading line: put this release\'s notes under one.');
}
const afterHeading = heading.index + heading[0].length;
const section = changelog.slice(afterHeading);
if (section.slice(0, /^## /m.exec(section)?.index).trim() === '') {
  fail('CHANGELOG.md has no notes under "## Unreleased": say what this release changes.');
}

// The docs say OWNER/upstash-keepalive until the first release writes origin's owner/name there
// (later releases find nothing to fill in). Shipped: what users read or run; the tests and
// scripts hold OWNER on purpose, and the CHANGELOG is history, written as it was.
const PLACEHOLDER = 'OWNER/upstash-keepalive';
const filled = new Map<string, string>();
const shipped = git(
  'ls-files',
  '--',
  '.',
  ...['__tests__', 'scripts', 'CHANGELOG.md'].map((p) => `:(exclude)${p}`),
);
for (const name of shipped.split('\n')) {
  if (name === '') continue;
  const text = readFileSync(name, 'utf8');
  const after = text.replaceAll(PLACEHOLDER, repository);
  const left = after.split('\n').findIndex((line) => /\bOWNER\b/.test(line));
  if (left !== -1) fail(`OWNER is left in ${name}:${String(left + 1)}: write the owner there.`);
  if (after !== text) filled.set(name, after);
}

npm('run', 'bundle');
if (git('status', '--porcelain', '--', 'dist') !== '') {
  fail('dist/ differs from what `npm run bundle` builds: commit the rebuilt dist/ first.');
}

npm('version', version, '--no-git-tag-version', '--allow-same-version');
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  'CHANGELOG.md',
  `${changelog.slice(0, afterHeading)}\n\n## ${version} — ${date}${changelog.slice(afterHeading)}`,
);
for (const [name, text] of filled) writeFileSync(name, text);
npm('run', 'bundle');
git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist', ...filled.keys());
git('commit', '--quiet', '-m', `Release v${version}`);
const major = `v${String(a)}`;
git('tag', '--annotate', `v${version}`, '-m', `v${version}`);
git('tag', '--annotate', '--force', major, '-m', `${major}: latest is v${version}`);
process.stdout.write(
  (filled.size > 0 ? `Wrote ${repository} for OWNER in ${[...filled.keys()].join(', ')}.\n` : '') +
    `Released v${version}; ${major} now points to it. Publish with:\n` +
    `  git push origin main v${version}\n  git push --force origin ${major}\n` +
    // The npm package (the library, the route, the command) is this commit's files.
    `  npm publish\n`,
);
