import { defineConfig } from 'vitest/config'
import { streamTest } from 'stream-test/vitest/plugin'

// A small app project as a user would write it; the integration tests run a real vitest on it.
// Which cases run is chosen on the command line; ten isolation cases run in parallel, one per worker.
export default defineConfig({
  plugins: [streamTest()],
  test: {
    include: ['cases/**/*.case.ts'],
    pool: 'threads',
    maxWorkers: 10,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
