// `stream-test/vitest/plugin`: what vitest.config.ts imports. Node loads that config itself, so this module
// imports nothing from vitest and nothing heavy; the package ships it compiled (dist/vitest/plugin.js).
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the plugin's options travel to the global setup (same process). */
export const ENV_VAR = 'STREAM_TEST_ENV'
export const KEEP_TOPICS_VAR = 'STREAM_TEST_KEEP_TOPICS'
export const NODES_VAR = 'STREAM_TEST_NODES'

/** absolute path of the global setup the plugin adds: global-setup.ts next to the sources, .js once built */
export const GLOBAL_SETUP: string = fileURLToPath(new URL(`./global-setup${extname(fileURLToPath(import.meta.url))}`, import.meta.url))

export interface StreamTestOptions {
  /** where the broker runs; default STREAM_TEST_ENV, else auto (containers when Docker answers, else local) */
  env?: 'auto' | 'local' | 'containers' | 'external'
  /** keep each test's topics after it ends (also STREAM_TEST_KEEP_TOPICS=1) */
  keepTopics?: boolean
  /**
   * a local cluster of this many KRaft nodes behind proxies instead of one broker (also
   * STREAM_TEST_NODES): replication 3, min.insync.replicas 2; SUTs reach the brokers through the proxies
   */
  nodes?: number
}

/** The part of a Vite plugin this one uses (structurally a Vite `Plugin`). */
export interface StreamTestPlugin {
  name: 'stream-test'
  config: () => { resolve: { dedupe: string[] }; test: { globalSetup: string[] } }
}

/** Options become environment variables of this process, which runs the global setup; explicit env vars win. */
function applyOptions(options: StreamTestOptions): void {
  if (options.env !== undefined) process.env[ENV_VAR] ??= options.env
  if (options.keepTopics === true) process.env[KEEP_TOPICS_VAR] ??= '1'
  if (options.nodes !== undefined) process.env[NODES_VAR] ??= String(options.nodes)
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
      // an app that links stream-test (npm link, file:) has two copies of vitest; its tests and these fixtures must share one
      return { resolve: { dedupe: ['vitest'] }, test: { globalSetup: [GLOBAL_SETUP] } }
    },
  }
}

/**
 * The same without a plugin, for configs that list projects: `withStreamTest({ test: {...} })` adds the
 * global setup to `test.globalSetup` (keeping the existing entries).
 */
export function withStreamTest<C extends { test?: { globalSetup?: string | string[] } }>(config: C, options: StreamTestOptions = {}): C {
  applyOptions(options)
  const existing = config.test?.globalSetup
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...config, test: { ...config.test, globalSetup: [...list, GLOBAL_SETUP] } }
}
