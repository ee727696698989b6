#!/usr/bin/env node
// upstash-keepalive command line: see README, Command line.
import './index.js';
