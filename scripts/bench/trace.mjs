// Loaded with `node --import` by `npm run bench`, in runs apart from the timed ones: records the
// files a run loads (to count the bytes of dist/ it reads) and its peak memory, into TRACE_FILE.
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
  });
}
