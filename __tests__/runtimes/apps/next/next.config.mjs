// The test app's config, not part of the documented route: the apps of the runtimes suite share
// __tests__/runtimes/node_modules, so that folder is the app's root (the project's own
// package-lock.json above it would be taken otherwise).
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export default { turbopack: { root }, outputFileTracingRoot: root };
