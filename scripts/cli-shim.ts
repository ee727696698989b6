// Part of `npm run bundle`: dist/cli.js, the command's entry (package.json "bin"), loads the CLI
// bundle that ncc wrote to dist/cli/ with the chunks it loads on demand.
import { chmodSync, writeFileSync } from 'node:fs';

const shim =
  "#!/usr/bin/env node\n// upstash-keepalive command line: see README, Command line.\nimport './cli/index.js';\n";
writeFileSync('dist/cli.js', shim);
chmodSync('dist/cli.js', 0o755);
