/** Where the plugin's options travel to the global setup (same process) and to workers. */
export const ENV_VAR = 'STREAM_TEST_ENV'
export const KEEP_TOPICS_VAR = 'STREAM_TEST_KEEP_TOPICS'

export interface StreamTestOptions {
  /** where the broker runs; default STREAM_TEST_ENV, else auto (containers when Docker answers, else local) */
  env?: 'auto' | 'local' | 'containers' | 'external'
  /** keep each test's topics after it ends (also STREAM_TEST_KEEP_TOPICS=1) */
  keepTopics?: boolean
}
