// The package as a user meets it (package.json, README.md, dist/lib), against what an attack
// pass found (each test failed before its fix): links that resolve, the Node versions it admits,
// a Worker's Env interface as `env`.

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';
import { useStack } from '../support/fixtures.ts';

const stack = useStack();
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  repository?: unknown;
};
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** Relative links of README.md, without their #fragment. */
const relativeLinks = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
  .map((m) => m[1] ?? '')
  .filter((href) => !/^[a-z]+:/i.test(href));

describe('README.md, shipped in the tarball', () => {
  it('every relative link names a file of the repository', () => {
    // "Other ways to run it" links docs/api-route.md and docs/library.md: neither exists.
    const missing = relativeLinks.filter((href) => !existsSync(path.join(ROOT, href)));
    expect(missing).toEqual([]);
  });

  it('its relative links resolve on npmjs.com: package.json names the repository', () => {
    // npm renders a README's relative links against `repository`; without it they are dead.
    expect(relativeLinks.length).toBeGreaterThan(0);
    expect(pkg.repository).toBeDefined();
  });
});

describe('engines', () => {
  const SYSTEM_NODE = '/usr/bin/node';

  it.skipIf(!existsSync(SYSTEM_NODE))(
    'admits Node 22 (LTS until April 2027, Next.js/Vercel), since the library runs there',
    async () => {
      // The bundle runs a maintenance even on Node 20 (below): nothing in it needs 24. But
      // engines ">=24" makes `npm install --engine-strict`, pnpm with engine-strict and yarn 1
      // refuse the install on the Node 22 most Next.js projects still deploy on.
      const script = `
        const { keepAlive } = await import(${JSON.stringify(path.join(ROOT, 'dist/lib/index.js'))});
        const result = await keepAlive({ env: {}, url: ${JSON.stringify(stack.front.url)}, token: ${JSON.stringify(stack.front.tokens.full)} });
        console.log(JSON.stringify({ version: process.version, ok: result.ok }));
      `;
      const out = await new Promise<string>((resolve) => {
        execFile(SYSTEM_NODE, ['--input-type=module', '-e', script], (_, stdout) => {
          resolve(stdout);
        });
      });
      const run = JSON.parse(out) as { version: string; ok: boolean };
      expect(run.ok).toBe(true);
      // The command too: its bundle needs nothing of Node 24.
      const cli = await new Promise<string>((resolve) => {
        execFile(
          SYSTEM_NODE,
          [path.join(ROOT, 'dist/cli.js'), 'ping', '--json'],
          { env: { UPSTASH_REDIS_REST_URL: stack.front.url, UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full } },
          (_, stdout) => {
            resolve(stdout);
          },
        );
      });
      expect(JSON.parse(cli)).toMatchObject({ ok: true, mode: 'ping' });
      const minimum = /^>=\s*(\d+)/.exec(pkg.engines.node)?.[1];
      expect(Number(minimum)).toBeLessThanOrEqual(22);
    },
  );
});

describe('the types a Worker meets', () => {
  it("a Worker's `interface Env` (as wrangler types writes it) is accepted as `env`, without a cast", () => {
    // KeepAliveOptions.env is Record<string, unknown>: an interface has no index signature, so
    // `keepAlive({ env })` and `createHandler({ env })`, the documented Workers use, fail tsc.
    const dir = mkdtempSync(path.join(tmpdir(), 'attack-env-type-'));
    try {
      const lib = JSON.stringify(path.join(ROOT, 'dist/lib/index.js'));
      const handler = JSON.stringify(path.join(ROOT, 'dist/lib/handler.js'));
      writeFileSync(
        path.join(dir, 'worker.ts'),
        [
          `import { keepAlive } from ${lib};`,
          `import { createHandler } from ${handler};`,
          'interface KVNamespace { get(key: string): Promise<string | null> }',
          'interface Env { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string; KEEPALIVE_SECRET: string; CACHE: KVNamespace }',
          'export default {',
          '  fetch: (request: Request, env: Env) => createHandler({ env })(request),',
          '  scheduled: async (_controller: unknown, env: Env) => { await keepAlive({ env }); },',
          '};',
        ].join('\n'),
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2022',
            lib: ['es2022', 'dom'],
            types: [],
            module: 'nodenext',
            moduleResolution: 'nodenext',
          },
          files: ['worker.ts'],
        }),
      );
      const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
      const check = spawnSync(tsc, ['-p', dir], { encoding: 'utf8' });
      expect(check.stdout + check.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
