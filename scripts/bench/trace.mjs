// Loaded with `node --import`, in runs apart from the timed ones, by `npm run bench` and by the
// end-to-end tests (__tests__/dist/lean.test.ts): records into TRACE_FILE the files a run loads
// (to count the bytes of dist/ it reads), its peak memory, and whether a bundled undici was
// evaluated (loading it installs its dispatcher as the process's global one).
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import process from 'node:process';

const file = process.env.TRACE_FILE;
if (file) {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) appendFileSync(file, `load ${url}\n`);
      return nextLoad(url, context);
    },
  });
  process.on('exit', () => {
    appendFileSync(file, `maxrss ${process.resourceUsage().maxRSS}\n`);
    const dispatcher = globalThis[Symbol.for('undici.globalDispatcher.1')] !== undefined;
    appendFileSync(file, `undici-dispatcher ${dispatcher ? 'set' : 'unset'}\n`);
  });
}
