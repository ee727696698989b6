// Part of `npm run bundle`: dist/cli.js, the command's entry (package.json "bin"). It marks the
// process as the command line, then loads the one bundle, dist/index.js, which reads the mark.
// The import is dynamic so that it runs after the mark is set (static imports run first).
import { chmodSync, writeFileSync } from 'node:fs';

const shim = `#!/usr/bin/env node
// upstash-keepalive command line: see docs/command-line.md.
globalThis[Symbol.for('upstash-keepalive.command-line')] = true;
await import('./index.js');
`;
writeFileSync('dist/cli.js', shim);
chmodSync('dist/cli.js', 0o755);
