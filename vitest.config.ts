import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The suites that run the CLI or the service's entry points as processes (*.e2e.ts) are
    // `npm run test:e2e` (vitest.e2e.config.ts), the schema fuzz `npm run test:fuzz`; CI runs
    // all three.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database cloned from a migrated template; two cores here,
    // so a couple of forks keep Postgres and the workers from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // Files in one fork share its module cache instead of importing the service anew each
    // (import was over half the suite's time). Tests hold no module-level state of their
    // own: each starts its own app, database and queue prefix through the harness.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
