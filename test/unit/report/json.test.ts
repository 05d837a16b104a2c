import { expect, test } from 'vitest'
import { createReporter } from '../../../src/report/create-reporter.ts'
import type { JsonReport } from '../../../src/report/json.ts'
import { errored, expectedFail, fakeStream, result, summaryOf, unexpectedFail, withNotes } from './results.ts'

test('one JSON document that parses back to the results and the summary', () => {
  const results = [result(), expectedFail, unexpectedFail, errored, withNotes]
  const { stream, text } = fakeStream()
  const reporter = createReporter('json', { stream })
  reporter.onStart?.(['a'], 1234)
  for (const r of results) reporter.onScenarioEnd?.(r)
  const out = reporter.finish(results, summaryOf({ passed: 3, failed: 1, errored: 1 }))
  expect(text()).toBe('')
  expect(out.endsWith('}\n')).toBe(true)
  const parsed = JSON.parse(out) as JsonReport
  expect(parsed).toEqual({
    seed: 1234,
    durationMs: 4200,
    summary: { total: 5, passed: 3, failed: 1, errored: 1, command: 'npx stream-test run scenarios/enricher.scenario.yaml --seed 1234' },
    scenarios: results,
  })
})

test('bigint values in expected/actual become strings instead of throwing', () => {
  const r = result({
    verdict: 'fail',
    asExpected: false,
    violations: [{ oracle: 'sql', kind: 'wrong-value', ids: ['1'], where: [], expected: 10n, actual: { total: 9n }, message: 'm' }],
  })
  const parsed = JSON.parse(createReporter('json').finish([r], summaryOf({ passed: 0, failed: 1 }))) as JsonReport
  expect(parsed.scenarios[0]?.violations[0]).toMatchObject({ expected: '10', actual: { total: '9' } })
})
