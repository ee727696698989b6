// node miniflare.mjs <worker folder> <port>: serves a Worker the way `wrangler dev` would, on
// 127.0.0.1:<port>, until SIGTERM. Its wrangler.toml gives the entry (`main`), the
// compatibility date and flags; the entry is bundled by esbuild with wrangler's conditions
// (workerd, worker, browser), since workerd resolves no npm package by itself. The Worker's env
// is the JSON in WORKER_BINDINGS. Plain JavaScript: it imports the runtimes' own packages, which
// the project's type-check and lint run without.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const [folder = '', port = ''] = process.argv.slice(2);
const toml = readFileSync(path.join(folder, 'wrangler.toml'), 'utf8');
/**
 * One `key = value` line of wrangler.toml, its value read as JSON (strings, arrays of strings):
 * enough for the few lines this file has, where a TOML parser would be one more dependency.
 */
const setting = (key) => {
  const line = new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(toml);
  return line ? JSON.parse(line[1]) : undefined;
};

const bundle = await build({
  entryPoints: [path.join(folder, setting('main'))],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['workerd', 'worker', 'browser'],
  target: 'es2022',
  write: false,
  logLevel: 'warning',
});

const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: setting('compatibility_date'),
  compatibilityFlags: setting('compatibility_flags') ?? [],
  bindings: JSON.parse(process.env.WORKER_BINDINGS ?? '{}'),
  // GET /cdn-cgi/handler/scheduled?cron=… runs scheduled(), as a Cron Trigger does.
  unsafeTriggerHandlers: true,
  // Request.cf from a built-in placeholder: otherwise Miniflare fetches it from Cloudflare.
  cf: false,
  host: '127.0.0.1',
  port: Number(port),
});
try {
  process.stdout.write(`miniflare ready at ${(await mf.ready).toString()}\n`);
  await new Promise((resolve) => process.once('SIGTERM', resolve));
} finally {
  // Without dispose() workerd outlives this process.
  await mf.dispose().catch(() => undefined);
}
