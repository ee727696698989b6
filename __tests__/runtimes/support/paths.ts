// Where the runtimes suite keeps things: its own npm project (its package.json and lockfile, its
// ~770 MB of node_modules), the apps each runtime serves, and the binaries it runs.

import path from 'node:path';
import { ROOT } from '../../support/action.ts';

export const RUNTIMES = path.join(ROOT, '__tests__/runtimes');
export const MODULES = path.join(RUNTIMES, 'node_modules');
export const APPS = path.join(RUNTIMES, 'apps');
/** The package as npm installs it from the tarball. */
export const INSTALLED = path.join(MODULES, 'upstash-keepalive');

export const bin = (name: string): string => path.join(MODULES, '.bin', name);

/**
 * What every runtime is started with besides its own variables: no telemetry, no update check,
 * caches inside node_modules (a new `npm ci` empties them with the rest).
 */
export function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    DENO_NO_UPDATE_CHECK: '1',
    DENO_DIR: path.join(MODULES, '.cache/deno'),
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  };
}
