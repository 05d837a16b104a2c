import { expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import type { ScenarioResult } from '../../../src/runner/result.ts'
import { runSweep, sweepRunSeed } from '../../../src/runner/sweep.ts'
import type { Scenario } from '../../../src/scenario/index.ts'

const result = (seed: number, verdict: ScenarioResult['verdict']): ScenarioResult => ({
  name: 's', file: 'f', verdict, expect: { verdict: 'fail', violations: ['duplicated'] }, asExpected: verdict === 'fail',
  violations: [], notes: [], seed, durationMs: 1, repeat: `npx stream-test run f --seed ${seed}`, crashes: [], sutOutput: [], phases: {},
})

test('a sweep gives every run its own seed, stops at the first failure and names its run and seed', async () => {
  const seen: number[] = []
  const failOn = sweepRunSeed(7, 3)
  const r = await runSweep({} as Harness, { runs: 5 } as Scenario, 'f', {
    seed: 7,
    runScenario: async (_h, _s, _f, o) => (seen.push(o.seed as number), result(o.seed as number, o.seed === failOn ? 'fail' : 'pass')),
  })
  expect(seen).toEqual([7, sweepRunSeed(7, 2), failOn])
  expect(new Set(seen).size).toBe(3)
  expect(r.runs).toBe(3)
  expect(r.verdict).toBe('fail')
  expect(r.notes.at(-1)?.message).toBe(`caught on run 3 of 5, seed ${failOn} (sweep seed 7); alone: npx stream-test run f --seed ${failOn}`)
})

test('a passing sweep says how many runs it made', async () => {
  const r = await runSweep({} as Harness, {} as Scenario, 'f', { seed: 1, runs: 4, runScenario: async (_h, _s, _f, o) => result(o.seed as number, 'pass') })
  expect(r.runs).toBe(4)
  expect(r.notes.at(-1)?.message).toBe('4 runs, 0 violations (sweep seed 1)')
})
