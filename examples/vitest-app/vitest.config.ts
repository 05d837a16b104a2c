import { defineConfig } from 'vitest/config'
import { streamTest } from 'stream-test/vitest/plugin'

// The plugin comes from stream-test/vitest/plugin (it does not import vitest: Node loads this config
// itself). Tests import test and expect from stream-test/vitest.
// One broker for the whole run (STREAM_TEST_ENV picks where: auto, local, containers or external)
export default defineConfig({
  plugins: [streamTest({ env: 'auto' })],
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
})
