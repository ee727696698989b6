// The package as npm users get it: `npm pack`, installed into an empty project. It must bring
// nothing but itself (every bundle holds what it runs), type-check for a consumer that imports
// the library and the route, run both and the command from there, and pass publint and
// @arethetypeswrong/cli.

import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/action.ts';
import { leaks, useStack } from '../support/fixtures.ts';
import { text } from '../support/resp.ts';

const stack = useStack();
let dir: string;
let tarball: string;
let project: string;
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** A child that talks to this process's REST front: never spawnSync, which would block it. */
function runChild(file: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'keepalive-package-'));
  execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' });
  tarball = path.join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? '');
  project = path.join(dir, 'consumer');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // No dependency to fetch: the install needs no registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: project,
    stdio: 'ignore',
  });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm install upstash-keepalive', () => {
  it('installs itself alone: no package that nothing loads', () => {
    const installed = readdirSync(path.join(project, 'node_modules')).filter((f) => !f.startsWith('.'));
    expect(installed).toEqual(['upstash-keepalive']);
  });

  it.each(['nodenext', 'bundler'])('type-checks a consumer of both entries (moduleResolution %s)', (resolution) => {
    writeFileSync(
      path.join(project, 'consumer.ts'),
      [
        "import { keepAlive, KeepaliveError, type KeepAliveOptions, type KeepAliveResult } from 'upstash-keepalive';",
        "import { createHandler, type HandlerOptions } from 'upstash-keepalive/handler';",
        "const options: KeepAliveOptions = { mode: 'status', keyPrefix: 'app', timeoutSeconds: 5 };",
        'const result: Promise<KeepAliveResult> = keepAlive(options);',
        "const handler: (request: Request) => Promise<Response> = createHandler({ secret: 'x'.repeat(32) } satisfies HandlerOptions);",
        'void result.then((r) => r.databases.map((d) => d["maintenance-count"] ?? d.error?.fix));',
        'void handler;',
        'export const isInputError = (e: unknown) => e instanceof KeepaliveError && e.kind === "input";',
        '// @ts-expect-error: not an option',
        'void keepAlive({ timeout: 5 });',
      ].join('\n'),
    );
    const module = resolution === 'bundler' ? 'preserve' : 'nodenext';
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], module, moduleResolution: resolution, skipLibCheck: false },
        files: ['consumer.ts'],
      }),
    );
    const check = spawnSync(bin('tsc'), ['-p', project], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('runs the library and the route from the installed package', async () => {
    const script = `
      import { keepAlive } from 'upstash-keepalive';
      import { createHandler } from 'upstash-keepalive/handler';
      const options = { url: ${JSON.stringify(stack.front.url)}, token: ${JSON.stringify(stack.front.tokens.full)} };
      const result = await keepAlive(options);
      const handler = createHandler({ ...options, secret: 'route-secret-0123456789' });
      const response = await handler(new Request('https://x.example/api', { method: 'POST', headers: { authorization: 'Bearer route-secret-0123456789' } }));
      console.log(JSON.stringify({ result, status: response.status, route: await response.json() }));
    `;
    const run = await runChild(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { result: { ok: boolean }; status: number; route: { databases: { 'maintenance-count': number }[] } };
    expect(out.result.ok).toBe(true);
    expect(out.status).toBe(200);
    expect(out.route.databases[0]?.['maintenance-count']).toBe(2);
    expect(leaks(run.stdout, stack.front.tokens.full)).toEqual([]);
  });

  it('runs the command it links', async () => {
    const command = path.join(project, 'node_modules', '.bin', 'upstash-keepalive');
    const run = await runChild(command, ['maintenance', '--json'], {
      env: { PATH: process.env.PATH ?? '', UPSTASH_REDIS_REST_URL: stack.front.url, UPSTASH_REDIS_REST_TOKEN: stack.front.tokens.full },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, mode: 'maintenance' });
    expect(text(await stack.admin.call('GET', 'upstash-keepalive:count'))).toBe('1');
  });

  it('passes publint (strict) and @arethetypeswrong/cli (ESM only)', () => {
    const publint = spawnSync(bin('publint'), ['run', tarball, '--strict'], { encoding: 'utf8' });
    expect(publint.stdout).toContain('All good!');
    expect(publint.status).toBe(0);
    const attw = spawnSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], { encoding: 'utf8' });
    expect(attw.status, attw.stdout.slice(0, 2000)).toBe(0);
  });
});
