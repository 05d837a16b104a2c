import { fileURLToPath } from 'node:url'
import { ENV_VAR, KEEP_TOPICS_VAR, type StreamTestOptions } from './plugin-options.ts'

export const GLOBAL_SETUP = fileURLToPath(new URL('./global-setup.ts', import.meta.url))

/** The part of a Vite plugin this one uses (structurally a Vite `Plugin`). */
export interface StreamTestPlugin {
  name: 'stream-test'
  config: () => { test: { globalSetup: string[] } }
}

/** Options become environment variables of this process, which runs the global setup; explicit env vars win. */
function applyOptions(options: StreamTestOptions): void {
  if (options.env !== undefined) process.env[ENV_VAR] ??= options.env
  if (options.keepTopics === true) process.env[KEEP_TOPICS_VAR] ??= '1'
}

/**
 * `plugins: [streamTest({ env: 'auto' })]` in vitest.config.ts: one broker per vitest run, handed to
 * every test file. The plugin adds the global setup that boots and stops it.
 */
export function streamTest(options: StreamTestOptions = {}): StreamTestPlugin {
  return {
    name: 'stream-test',
    config: () => {
      applyOptions(options)
      return { test: { globalSetup: [GLOBAL_SETUP] } }
    },
  }
}

/**
 * The same without a plugin, for configs that list projects: `withStreamTest({ test: {...} })` adds the
 * global setup to `test.globalSetup` (keep the existing entries).
 */
export function withStreamTest<C extends { test?: { globalSetup?: string | string[] } }>(config: C, options: StreamTestOptions = {}): C {
  applyOptions(options)
  const existing = config.test?.globalSetup
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...config, test: { ...config.test, globalSetup: [...list, GLOBAL_SETUP] } }
}
