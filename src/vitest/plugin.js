// Plain JavaScript on purpose: vitest.config.ts is loaded by Node itself, which (Node 20) cannot load
// TypeScript from a package, so `stream-test/vitest/plugin` must be JS. Types: plugin.d.ts.
import { fileURLToPath } from 'node:url'

/** Where the plugin's options travel to the global setup (same process). */
export const ENV_VAR = 'STREAM_TEST_ENV'
export const KEEP_TOPICS_VAR = 'STREAM_TEST_KEEP_TOPICS'

export const GLOBAL_SETUP = fileURLToPath(new URL('./global-setup.ts', import.meta.url))

/** Options become environment variables of this process, which runs the global setup; explicit env vars win. */
function applyOptions(options) {
  if (options.env !== undefined) process.env[ENV_VAR] ??= options.env
  if (options.keepTopics === true) process.env[KEEP_TOPICS_VAR] ??= '1'
}

export function streamTest(options = {}) {
  return {
    name: 'stream-test',
    config: () => {
      applyOptions(options)
      // an app that installs stream-test by path has two copies of vitest; its tests and these fixtures must share one
      return { resolve: { dedupe: ['vitest'] }, test: { globalSetup: [GLOBAL_SETUP] } }
    },
  }
}

export function withStreamTest(config, options = {}) {
  applyOptions(options)
  const existing = config.test?.globalSetup
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...config, test: { ...config.test, globalSetup: [...list, GLOBAL_SETUP] } }
}
