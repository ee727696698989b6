// npm run bundle: builds dist/, what the runner executes (committed; CI checks it is current).
// `node scripts/bundle/index.ts [OUT] [--stats FILE]` builds elsewhere and keeps ncc's stats.
//  1. tsc compiles src/ into lib/ (a fixed place: module ids, so chunk names, depend on paths);
//  2. ncc bundles it into dist/index.js and on-demand chunks (dist/NNN.index.js), with a copy of
//     @actions/core whose OIDC client (and the undici it brings) is loaded only when used
//     (./actions-core.ts);
//  3. terser minifies the chunks, which ncc --minify leaves as they are (it minifies index.js);
//  4. dist/licenses.txt lists every package in the bundle, from ncc's stats (ncc's own
//     licence collection keeps only the last chunk's list: it lost @upstash/redis and uncrypto);
//  5. dist/cli.js, the command's entry, marks the process as the command line and loads the bundle;
//  6. dist/lib/, the library and the route for npm users (library.ts).

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { bundledActionsCore } from './actions-core.ts';
import { bundleLibrary } from './library.ts';
import { bundledPackages, licensesText } from './packages.ts';

const args = process.argv.slice(2);
const keepStats = args.includes('--stats') ? args[args.indexOf('--stats') + 1] : undefined;
const out = args[0] && !args[0].startsWith('--') ? args[0] : 'dist';
const bin = (name: string) => path.join('node_modules', '.bin', name);
const run = (file: string, argv: string[]) => execFileSync(file, argv, { stdio: 'inherit' });

const work = 'lib';
rmSync(work, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', work]);
bundledActionsCore(work);
const stats = path.join(work, 'stats.json');
const entry = path.join(work, 'src', 'index.js');
run(bin('ncc'), ['build', entry, '-o', out, '--minify', '--stats-out', stats, '-q']);

for (const file of readdirSync(out).filter((f) => /^\d+\.index\.js$/.test(f))) {
  const chunk = path.join(out, file);
  const minified = await minify(readFileSync(chunk, 'utf8'), {
    module: true, // chunks are ES modules (`export const id, ids, modules`)
    compress: false, // as ncc does for index.js
    mangle: { keep_classnames: true, keep_fnames: true },
  });
  writeFileSync(chunk, minified.code ?? '');
}

writeFileSync(path.join(out, 'licenses.txt'), licensesText(bundledPackages(stats)));
if (keepStats) copyFileSync(stats, keepStats);

const shim = `#!/usr/bin/env node
// upstash-keepalive command line: see docs/command-line.md. The import is dynamic so that it runs
// after the mark is set (static imports would run first).
globalThis[Symbol.for('upstash-keepalive.command-line')] = true;
await import('./index.js');
`;
writeFileSync(path.join(out, 'cli.js'), shim);
chmodSync(path.join(out, 'cli.js'), 0o755);
rmSync(work, { recursive: true, force: true });
await bundleLibrary(out);
