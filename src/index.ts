// Entry point of dist/index.js, the one bundle. The runner starts it for the action. dist/cli.js,
// the command's entry (also behind npm's bin link, a global install, npx), sets a marker and then
// imports it: the command line (a chunk of its own) runs instead, sharing every chunk with the
// action. The marker, not the script's name, decides: a bin link has any name.
import { run } from './action.js';
import { outside } from './safe-text.js';
import * as workflow from './workflow.js';

const COMMAND_LINE = Symbol.for('upstash-keepalive.command-line');

try {
  if ((globalThis as Record<symbol, unknown>)[COMMAND_LINE] === true) {
    const { cli } = await import('./cli/index.js');
    process.exitCode = await cli(process.argv.slice(2), process.env);
  } else {
    await run();
  }
} catch (error) {
  // A bug must still end the step with a message, not a stack trace of minified code.
  const message = error instanceof Error ? error.message : String(error);
  workflow.fail(
    `Unexpected failure: ${outside(message)}. Fix: please report it, with this log, at the action repository's issues.`,
  );
}
