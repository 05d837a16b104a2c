export declare const ENV_VAR = 'STREAM_TEST_ENV'
export declare const KEEP_TOPICS_VAR = 'STREAM_TEST_KEEP_TOPICS'
/** absolute path of the global setup the plugin adds */
export declare const GLOBAL_SETUP: string

export interface StreamTestOptions {
  /** where the broker runs; default STREAM_TEST_ENV, else auto (containers when Docker answers, else local) */
  env?: 'auto' | 'local' | 'containers' | 'external'
  /** keep each test's topics after it ends (also STREAM_TEST_KEEP_TOPICS=1) */
  keepTopics?: boolean
}

/** The part of a Vite plugin this one uses (structurally a Vite `Plugin`). */
export interface StreamTestPlugin {
  name: 'stream-test'
  config: () => { resolve: { dedupe: string[] }; test: { globalSetup: string[] } }
}

/**
 * `plugins: [streamTest({ env: 'auto' })]` in vitest.config.ts: one broker per vitest run, handed to
 * every test file. The plugin adds the global setup that boots and stops it.
 */
export declare function streamTest(options?: StreamTestOptions): StreamTestPlugin

/**
 * The same without a plugin, for configs that list projects: `withStreamTest({ test: {...} })` adds the
 * global setup to `test.globalSetup` (keeping the existing entries).
 */
export declare function withStreamTest<C extends { test?: { globalSetup?: string | string[] } }>(config: C, options?: StreamTestOptions): C
