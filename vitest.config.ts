import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
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
