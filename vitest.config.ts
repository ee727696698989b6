import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // Quiets Vite's notes about source maps of inlined dependencies.
  logLevel: 'error',
  test: {
    include: ['__tests__/**/*.test.ts'],
    // The real runtimes have their own run: npm run test:runtimes (vitest.runtimes.config.ts).
    exclude: [...configDefaults.exclude, '__tests__/runtimes/**'],
    globalSetup: ['__tests__/support/global-setup.ts'],
    testTimeout: 30_000,
    // The workflow parser imports its JSON schemas without import attributes: let Vite load it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    hookTimeout: 30_000,
    // Coverage of src/ as the in-process suites exercise it (`npm run coverage`, run by .ci/run).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 90, branches: 85 },
    },
  },
});
