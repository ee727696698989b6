#!/usr/bin/env node
// upstash-keepalive command line: see docs/command-line.md. The import is dynamic so that it runs
// after the mark is set (static imports would run first).
globalThis[Symbol.for('upstash-keepalive.command-line')] = true;
await import('./index.js');
