// Part of `npm run bundle`: dist/cli.js, the command's entry (package.json "bin"). It loads the
// one bundle, dist/index.js, which sees it was started as the command and runs the CLI.
import { chmodSync, writeFileSync } from 'node:fs';

const shim =
  "#!/usr/bin/env node\n// upstash-keepalive command line: see README, Command line.\nimport './index.js';\n";
writeFileSync('dist/cli.js', shim);
chmodSync('dist/cli.js', 0o755);
