/**
 * Vitest sets NODE_ENV=test in its workers, and every SUT process a test starts inherits the worker's
 * environment. KafkaJS reads NODE_ENV=test at load as "use the test retry defaults": 50 ms first backoff,
 * 1 s at most, so a demo app's 10 retries last about 6 s instead of minutes. An app on its client's
 * defaults then ran out of retries during a leader failover that the same app rides out under
 * `npx stream-test run` (no NODE_ENV), and the broker-steps test failed one run in eight. The demo SUTs
 * must run on their client's real defaults, and the harness's own clients as they run from the CLI, so
 * the integration tests drop vitest's NODE_ENV before anything loads KafkaJS.
 */
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV
