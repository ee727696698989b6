// dist/ as built: every chunk minified, the clients that not every run needs in chunks of their
// own, and dist/licenses.txt naming every package whose code is in the bundle — checked against
// a fresh build's module list, read from ncc's stats.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';

const dist = path.join(ROOT, 'dist');
const chunks = readdirSync(dist).filter((f) => /\.js$/.test(f) && f !== 'cli.js');
const read = (file: string) => readFileSync(path.join(dist, file), 'utf8');

describe('dist/', () => {
  it('every chunk is minified: a few long lines, not source-like code', () => {
    for (const file of chunks) {
      const text = read(file);
      const lines = text.split('\n').length;
      expect(lines, `${file}: ${lines} lines for ${text.length} bytes`).toBeLessThan(
        Math.max(20, text.length / 2_000),
      );
    }
  });

  it('index.js holds neither ioredis, Octokit nor undici: each is a chunk loaded on demand', () => {
    const index = read('index.js');
    // undici: @actions/core's OIDC client brings it (scripts/bundle/actions-core.ts).
    for (const client of ['ioredis', 'octokit', 'undici']) {
      expect(index).not.toContain(client);
      expect(chunks.some((c) => read(c).includes(client))).toBe(true);
    }
  });
});

describe('dist/licenses.txt', () => {
  let work: string;
  let bundled: string[];

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'keepalive-licences-'));
    const stats = path.join(work, 'stats.json');
    execFileSync(
      process.execPath,
      ['scripts/bundle/index.ts', path.join(work, 'dist'), '--stats', stats],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    // The packages, read here on their own from the module paths of every chunk.
    const names = new Set<string>();
    // ncc's own loaders name themselves before a module's path: they are not in the bundle.
    for (const m of readFileSync(stats, 'utf8').matchAll(
      /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\/(?!dist\/ncc\/loaders\/)/g,
    )) {
      names.add(m[1] ?? '');
    }
    bundled = [...names].sort();
  }, 120_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('names every package in the bundle, and no other', () => {
    const listed = read('licenses.txt')
      .split('\n\n')
      .map((entry) => entry.split('\n'))
      .filter(
        ([name, license]) =>
          /^(@[\w.-]+\/)?[\w.-]+$/.test(name ?? '') && /^[\w.-]+$/.test(license ?? ''),
      )
      .map(([name]) => name ?? '')
      .sort();
    // uncrypto is one that ncc's own licence collection used to drop.
    expect(bundled).toContain('uncrypto');
    expect(listed).toEqual(bundled);
  });

  it('a fresh build is what is committed', () => {
    const files = readdirSync(path.join(work, 'dist'), { recursive: true, encoding: 'utf8' });
    for (const file of files.filter((f) => statSync(path.join(work, 'dist', f)).isFile())) {
      const fresh = readFileSync(path.join(work, 'dist', file));
      expect(statSync(path.join(dist, file)).size, file).toBe(fresh.length);
    }
  });
});

describe('dist/lib/licenses.txt', () => {
  it('names every package in the library and the route, and no other', () => {
    const lib = path.join(dist, 'lib');
    // esbuild marks each module it bundles with a `// node_modules/<package>/…` line.
    const bundled = new Set<string>();
    for (const file of readdirSync(lib).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(path.join(lib, file), 'utf8');
      for (const m of text.matchAll(/^\/\/ node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\//gm)) {
        bundled.add(m[1] ?? '');
      }
    }
    const listed = readFileSync(path.join(lib, 'licenses.txt'), 'utf8')
      .split('\n\n')
      .map((entry) => entry.split('\n'))
      .filter(([name, id]) => /^(@[\w.-]+\/)?[\w.-]+$/.test(name ?? '') && /^[\w.-]+$/.test(id ?? ''))
      .map(([name]) => name ?? '');
    expect(bundled).toContain('@upstash/qstash');
    expect(listed).toEqual([...bundled].sort());
  });
});
