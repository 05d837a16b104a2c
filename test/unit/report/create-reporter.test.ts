import { expect, test } from 'vitest'
import { ConsoleReporter } from '../../../src/report/console.ts'
import { createReporter } from '../../../src/report/create-reporter.ts'
import { JsonReporter } from '../../../src/report/json.ts'
import { JunitReporter } from '../../../src/report/junit.ts'
import { countOutcomes, outcomeOf } from '../../../src/report/outcome.ts'
import { summarize } from '../../../src/report/summarize.ts'
import { errored, expectedFail, result, unexpectedFail } from './results.ts'

test('createReporter picks the reporter by kind', () => {
  expect(createReporter('console', { color: false })).toBeInstanceOf(ConsoleReporter)
  expect(createReporter('json')).toBeInstanceOf(JsonReporter)
  expect(createReporter('junit')).toBeInstanceOf(JunitReporter)
})

test('outcomes: a caught expected failure passes; an unexpected pass fails; errors apart', () => {
  const unexpectedPass = result({ expect: { verdict: 'fail', violations: [] }, asExpected: false })
  const expectedError = result({ verdict: 'error', expect: { verdict: 'error', violations: [] }, asExpected: true })
  const all = [result(), expectedFail, unexpectedFail, unexpectedPass, errored, expectedError]
  expect(all.map(outcomeOf)).toEqual(['passed', 'passed', 'failed', 'failed', 'errored', 'passed'])
  expect(countOutcomes(all)).toEqual({ passed: 3, failed: 2, errored: 1 })
  expect(summarize(all, { typed: ['a.scenario.yaml'], seed: 9, durationMs: 10 })).toEqual({
    seed: 9, durationMs: 10, passed: 3, failed: 2, errored: 1, command: 'npx stream-test run a.scenario.yaml --seed 9',
  })
})

test('the repeat command is what the user typed after `run` (the folder, the flags), with the seed: not the files found', () => {
  const results = [result(), expectedFail, unexpectedFail, errored]
  expect(summarize(results, { typed: ['scenarios/', '--filter', 'enrich|window', '--concurrency', '2'], seed: 7, durationMs: 10 }).command).toBe(
    "npx stream-test run scenarios/ --filter 'enrich|window' --concurrency 2 --seed 7",
  )
})
