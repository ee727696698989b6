#!/usr/bin/env node
// upstash-keepalive command line: see docs/command-line.md.
globalThis[Symbol.for('upstash-keepalive.command-line')] = true;
await import('./index.js');
