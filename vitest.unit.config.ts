import { defineConfig } from 'vitest/config'

// Unit tests are pure (no database, no network), so they skip the global database setup
// that vitest.config.ts needs.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
  },
})
