import { defineConfig } from 'vitest/config'
import { streamTest } from 'stream-test/vitest/plugin'

export default defineConfig({
  plugins: [streamTest({ env: 'auto' })], // one broker for the whole run: containers when Docker answers, else local
  test: { testTimeout: 60_000, hookTimeout: 120_000 },
})
