// Before the runtimes suite (vitest globalSetup), once:
//  1. dist/ must be built and current: the suite tests what `npm pack` ships, not src/;
//  2. __tests__/runtimes/node_modules: `npm ci` of the suite's own package.json, kept out of the
//     project's dependencies (~770 MB: Next.js, workerd, Deno, Bun); redone when its package.json
//     or lockfile changed since the last install;
//  3. the project packed (`npm pack`) and its tarball extracted as
//     node_modules/upstash-keepalive, a real folder as npm makes it (Next's Turbopack does not
//     follow a symlink out of the app, and a `file:` dependency would change the lockfile at
//     every build).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../support/action.ts';
import { INSTALLED, MODULES, RUNTIMES } from './paths.ts';

const BUILT = [
  'dist/cli.js',
  'dist/lib/index.js',
  'dist/lib/index.d.ts',
  'dist/lib/handler.js',
  'dist/lib/handler.d.ts',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

/** Fails, naming the command, when dist/ is missing or older than a file of src/. */
export function checkDist(): void {
  const missing = BUILT.filter((file) => !existsSync(path.join(ROOT, file)));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} missing: the runtimes suite tests the package npm pack makes from dist/. Run 'npm run bundle' first.`,
    );
  }
  const built = Math.min(...BUILT.map((file) => statSync(path.join(ROOT, file)).mtimeMs));
  const newer = files(path.join(ROOT, 'src')).filter((file) => statSync(file).mtimeMs > built);
  if (newer.length > 0) {
    const names = newer.map((file) => path.relative(ROOT, file)).slice(0, 3);
    throw new Error(
      `dist/ is older than ${names.join(', ')}: run 'npm run bundle' first, or the suite would test the old code.`,
    );
  }
}

const STAMP = path.join(MODULES, '.upstash-keepalive-install');

function manifestHash(): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    hash.update(readFileSync(path.join(RUNTIMES, file)));
  }
  return hash.digest('hex');
}

/** `npm ci` of the suite's project when it was never installed or its manifest changed. */
export function installRuntimes(): void {
  const wanted = manifestHash();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) return;
  const started = Date.now();
  console.log('runtimes: npm ci --prefix __tests__/runtimes (Next.js, workerd, Deno, Bun)…');
  // --strict-allow-scripts: a dependency's install script not named in allowScripts fails the
  // install instead of running unreviewed.
  execFileSync(
    'npm',
    ['ci', '--prefix', RUNTIMES, '--no-audit', '--no-fund', '--strict-allow-scripts'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  writeFileSync(STAMP, wanted);
  console.log(`runtimes: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The project as a user installs it: npm pack, the tarball extracted into node_modules. */
export function installPackage(): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'keepalive-pack-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    const [packed] = JSON.parse(out) as { filename: string }[];
    if (!packed) throw new Error(`npm pack printed no file: ${out.slice(0, 500)}`);
    rmSync(INSTALLED, { recursive: true, force: true });
    mkdirSync(INSTALLED, { recursive: true });
    // A tarball's files are under package/, as npm extracts them.
    const tarball = path.join(dir, packed.filename);
    execFileSync('tar', ['-xzf', tarball, '-C', INSTALLED, '--strip-components=1']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default function setup(): void {
  checkDist();
  installRuntimes();
  installPackage();
}
