import { defineConfig } from 'vitest/config'

// The suites that run modelgate as a user or a pipeline does, as processes (`npm run test:e2e`):
// the CLI against a real service and against real sample model servers, the packed CLI
// installed from its tarball, `npm run db:migrate` and `npm start` against missing and empty
// databases. Their own run, outside `npm test`'s time budget, on the same real Postgres and
// Redis; CI runs it after `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.ts'],
    // The CLI subprocesses run a bundle of the current source built once for the run.
    globalSetup: ['test/global-setup.ts', 'test/cli-bundle-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A case here runs several processes one after another: room for a busy CI runner.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
})
