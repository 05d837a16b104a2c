import { inject, expect, test } from 'vitest'
import { runVitest } from './run-vitest.ts'

const kafka = inject('kafka')
/** the spawned vitest attaches to this run's broker (env external), so it boots nothing itself */
const external = { STREAM_TEST_ENV: 'external', KAFKA_BROKERS: kafka.brokers.join(','), SCHEMA_REGISTRY_URL: kafka.registryUrl }
/**
 * Above runVitest's own bound (150 s, then it kills the nested vitest and returns its output): the
 * project's 90 s test timeout cut the ten-file run short at 88+ s on 2 busy cores, before the helper
 * could say what the nested run was doing.
 */
const NESTED_RUN_TIMEOUT_MS = 180_000

test('ten test files in parallel against one broker each read only their own records', async () => {
  const files = Array.from({ length: 10 }, (_, i) => `cases/isolation-${String(i + 1).padStart(2, '0')}.case.ts`)
  const run = await runVitest(files, external)
  expect(run.report, run.output).toBeDefined()
  const report = run.report!
  expect({ passed: report.numPassedTests, failed: report.numFailedTests }, run.output).toEqual({ passed: 10, failed: 0 })
  expect(report.testResults.map((f) => f.status)).toEqual(Array(10).fill('passed'))
  expect(run.code).toBe(0)
  // they did run side by side: some moment had at least two files running
  const spans = report.testResults.map((f) => [f.startTime, f.endTime] as const)
  const overlapping = spans.some(([s1, e1], i) => spans.some(([s2, e2], j) => i !== j && s1 < e2 && s2 < e1))
  expect(overlapping).toBe(true)
}, NESTED_RUN_TIMEOUT_MS)

test('fixtures, matchers and runScenario pass on correct SUTs and catch a duplicating one (.not)', async () => {
  const run = await runVitest(['cases/matchers.case.ts'], external)
  expect({ passed: run.report?.numPassedTests, failed: run.report?.numFailedTests }, run.output).toEqual({ passed: 4, failed: 0 })
}, NESTED_RUN_TIMEOUT_MS)

test('a failing matcher prints the violations like the CLI report, then the seed and how to repeat', async () => {
  const run = await runVitest(['cases/failing.case.ts'], external)
  expect(run.code).toBe(1)
  const [message] = run.report?.testResults[0]?.assertionResults[0]?.failureMessages ?? []
  expect(message, run.output).toBeDefined()
  const text = message!.split('\n    at ')[0]!
  expect(text).toContain('expected out to hold every input exactly once: 2 violations (duplicated ×2)')
  expect(text).toMatch(/1\) duplicated {2}\[exactly-once\]\n\s+in-3 delivered 2 times, expected 1/)
  expect(text).toMatch(/ids: +in-3\n\s+expected: 1\n\s+actual: +\{"count":2/)
  expect(text).toContain('seed: 3')
  expect(text).toContain('pass { seed: 3 } to replay() and run: npx vitest run cases/failing.case.ts -t "duplicating SUT, asserted exactly-once"')
  expect(text).not.toContain('[object Object]')
}, NESTED_RUN_TIMEOUT_MS)
