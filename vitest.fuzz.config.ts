import { defineConfig } from 'vitest/config'

// The schema-derived fuzz test (`npm run test:fuzz`): its own run, outside `npm test`'s time
// budget, on the same real Postgres and Redis.
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
})
