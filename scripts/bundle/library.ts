// The library's and the route's files, for `npm install upstash-keepalive` (dist/lib/):
//  - index.js (keepAlive) and handler.js (createHandler): ES modules bundled by esbuild for a
//    neutral platform, the parts they share in one chunk. Neutral: a node: import anywhere in
//    their graph fails the build, since Workers and the edge have none; the `worker` and
//    `browser` conditions pick the WebCrypto builds of jose and uncrypto (QStash's Receiver).
//    Not ncc, which bundles for Node. Not minified: a user reads it in a stack trace;
//  - index.d.ts and handler.d.ts: their types, generated from src/ by dts-bundle-generator, each
//    self-contained (tsc alone would ship every internal module's declarations, which import
//    packages the user does not have);
//  - licenses.txt: the packages bundled into them.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { licensesText, packagesOf } from './packages.ts';

const ENTRIES = { index: 'src/library/index.ts', handler: 'src/handler/index.ts' };

/**
 * src/version.ts imports package.json for its version: esbuild would bundle the whole manifest
 * (its scripts, its devDependencies, the repository's OWNER placeholder), so it gets the version
 * alone. (ncc's webpack keeps only the property used.)
 */
const versionOnly: Plugin = {
  name: 'version-only',
  setup(bundle) {
    const manifest = path.resolve('package.json');
    bundle.onLoad({ filter: /[\\/]package\.json$/ }, (args) => {
      if (args.path !== manifest) return undefined; // a dependency's own: as it is
      const { version } = JSON.parse(readFileSync(args.path, 'utf8')) as { version: string };
      return { contents: JSON.stringify({ version }), loader: 'json' };
    });
  },
};

export async function bundleLibrary(out: string): Promise<void> {
  const dir = path.join(out, 'lib');
  const result = await build({
    entryPoints: ENTRIES,
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser', 'import'],
    chunkNames: 'shared-[hash]',
    legalComments: 'none',
    metafile: true,
    plugins: [versionOnly],
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => path.resolve(file));
  writeFileSync(path.join(dir, 'licenses.txt'), licensesText(packagesOf(inputs)));
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const types = path.join(dir, `${name}.d.ts`);
    const generator = path.join('node_modules', '.bin', 'dts-bundle-generator');
    const args = ['--silent', '--no-banner', '--project', 'tsconfig.build.json', '-o', types];
    execFileSync(generator, [...args, entry], { stdio: 'inherit' });
  }
}
