import { defineConfig } from 'vitest/config';

// `npm run test:runtimes`: the package as npm pack makes it, served by real runtimes (Node,
// workerd, Next.js, Deno, Bun) from __tests__/runtimes/, its own npm project that the setup
// installs. Kept out of `npm test` (vitest.config.ts): ~770 MB of runtimes and a Next.js build.
export default defineConfig({
  logLevel: 'error',
  test: {
    include: ['__tests__/runtimes/**/*.test.ts'],
    globalSetup: ['__tests__/support/global-setup.ts', '__tests__/runtimes/support/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
