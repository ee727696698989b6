// The library's and the route's files, for `npm install upstash-keepalive` (dist/lib/):
//  - index.js (keepAlive) and handler.js (createHandler): ES modules bundled by esbuild for a
//    neutral platform, the parts they share in one chunk. Neutral: a node: import anywhere in
//    their graph fails the build, since Workers and the edge have none; `worker` and `browser`
//    conditions pick the WebCrypto builds of jose and uncrypto (QStash's Receiver needs them).
//    Not ncc, which bundles for Node;
//  - index.d.ts and handler.d.ts: their types, generated from src/ by dts-bundle-generator, each
//    one self-contained (tsc alone would ship every internal module's declarations, which import
//    packages the user does not have).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const ENTRIES = { index: 'src/library/index.ts', handler: 'src/handler/index.ts' };

export async function bundleLibrary(out: string): Promise<void> {
  const dir = path.join(out, 'lib');
  await build({
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
    logLevel: 'warning',
  });
  for (const [name, entry] of Object.entries(ENTRIES)) {
    execFileSync(
      path.join('node_modules', '.bin', 'dts-bundle-generator'),
      [
        '--silent',
        '--no-banner',
        '--project',
        'tsconfig.build.json',
        '-o',
        path.join(dir, `${name}.d.ts`),
        entry,
      ],
      { stdio: 'inherit' },
    );
  }
}
