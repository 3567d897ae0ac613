import { defineConfig } from 'vitest/config';

// One run across every package, against the real infrastructure the global setup starts.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.tools/**', '**/.data/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Forks, not threads: Temporal's native worker bridge and the mongodb driver are happier
    // in their own processes. Two workers for a two-core machine.
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['scripts/src/test-setup/global-setup.ts'],
  },
});
