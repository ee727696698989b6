// Entry point of dist/index.js, the one bundle. The runner starts it for the action. dist/cli.js,
// the command's entry (also behind npm's bin link, a global install, npx), sets a marker and then
// imports it: the command line (a chunk of its own) runs instead, sharing every chunk with the
// action. The marker, not the script's name, decides: a bin link has any name.
import { run } from './main.js';

const COMMAND_LINE = Symbol.for('upstash-keepalive.command-line');

if ((globalThis as Record<symbol, unknown>)[COMMAND_LINE] === true) {
  const { cli } = await import('./cli.js');
  process.exitCode = await cli(process.argv.slice(2), process.env);
} else {
  await run();
}
