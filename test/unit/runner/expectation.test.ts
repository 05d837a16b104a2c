import { describe, expect, test } from 'vitest'
import { meetsExpectation } from '../../../src/runner/run-scenario.ts'

describe('meetsExpectation', () => {
  const pass = { verdict: 'pass' as const, violations: [] }
  const passKnown = { ...pass, known: ['duplicated'], why: 'a producer bug' }

  test('a pass expects a pass; a fail with violations the scenario named under known is as expected too', () => {
    expect(meetsExpectation('pass', [], pass)).toBe(true)
    expect(meetsExpectation('fail', ['duplicated'], pass)).toBe(false)
    expect(meetsExpectation('pass', [], passKnown)).toBe(true)
    expect(meetsExpectation('fail', ['duplicated'], passKnown)).toBe(true)
  })

  test('known covers only its kinds: another kind beside it, or an error, is not as expected', () => {
    expect(meetsExpectation('fail', ['duplicated', 'lost'], passKnown)).toBe(false)
    expect(meetsExpectation('fail', ['lost'], passKnown)).toBe(false)
    expect(meetsExpectation('error', [], passKnown)).toBe(false)
  })

  test('a fail expects its named kinds, all of them', () => {
    const fail = { verdict: 'fail' as const, violations: ['duplicated', 'lost'] }
    expect(meetsExpectation('fail', ['duplicated', 'lost', 'aborted-read'], fail)).toBe(true)
    expect(meetsExpectation('fail', ['duplicated'], fail)).toBe(false)
    expect(meetsExpectation('pass', [], fail)).toBe(false)
  })
})
