// Entry point of dist/index.js, the one bundle. The runner starts it for the action. dist/cli.js,
// the command's entry, imports it too: then the command line (a chunk of its own) runs instead,
// sharing every chunk with the action rather than shipping a second copy of them.
import { run } from './main.js';

if (/[\\/]cli\.js$/.test(process.argv[1] ?? '')) {
  const { cli } = await import('./cli.js');
  process.exitCode = await cli(process.argv.slice(2), process.env);
} else {
  await run();
}
