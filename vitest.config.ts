import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Two test files at a time on these 2 cores (vitest's default is cores - 1 = 1). The integration
    // tests mostly wait: on settle periods, on group rebalances, and on demo SUTs that stop on their
    // client's defaults (a KafkaJS disconnect waits out its fetch in flight, up to 5 s). Run one at a
    // time, the suite took 1151 s; the suite passed under load 12-20 (docs/flaky-tests.md), so a second
    // file at a time is within what its waits are built for.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // one real broker (local KRaft JVM) for the whole run, handed to test files with inject()
          globalSetup: ['test/integration/global-setup.ts'],
          // demo SUTs and harness clients on KafkaJS's real retry defaults, as under the CLI (see the file)
          setupFiles: ['test/integration/client-defaults.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
