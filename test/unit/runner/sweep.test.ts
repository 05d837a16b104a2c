import { expect, test } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import type { ScenarioResult } from '../../../src/result/scenario-result.ts'
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

test('with borrowed slots a sweep runs at once, with the sequential seeds, and reports the first failing run whatever ended first', async () => {
  const failOn = [sweepRunSeed(7, 3), sweepRunSeed(7, 4)]
  const pending = new Map<number, () => void>()
  let inFlight = 0
  let most = 0
  let free = 2
  const borrow = () => (free > 0 ? (free--, () => void free++) : undefined)
  const sweep = runSweep({} as Harness, { runs: 6 } as Scenario, 'f', {
    seed: 7,
    borrow,
    runScenario: (_h, _s, _f, o) =>
      new Promise<ScenarioResult>((resolve) => {
        most = Math.max(most, ++inFlight)
        const seed = o.seed as number
        pending.set(seed, () => (inFlight--, resolve(result(seed, failOn.includes(seed) ? 'fail' : 'pass'))))
      }),
  })
  const finish = async (k: number) => {
    for (let i = 0; i < 100 && !pending.has(sweepRunSeed(7, k)); i++) await Promise.resolve()
    pending.get(sweepRunSeed(7, k))?.()
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  expect([...pending.keys()]).toEqual([7, sweepRunSeed(7, 2), sweepRunSeed(7, 3)])
  await finish(3) // run 3 fails: runs 4.. are not started after it, runs 1 and 2 still count
  await finish(1)
  expect([...pending.keys()]).toHaveLength(3)
  await finish(2)
  const r = await sweep
  expect(most).toBe(3)
  expect(free).toBe(2)
  expect(r.runs).toBe(3)
  expect(r.seed).toBe(sweepRunSeed(7, 3))
  expect(r.notes.at(-1)?.message).toBe(`caught on run 3 of 6, seed ${failOn[0]} (sweep seed 7); alone: npx stream-test run f --seed ${failOn[0]}`)
})

test('a sweep whose runs pass at once reports the last run, like a sequential one', async () => {
  let free = 1
  const seen: number[] = []
  const r = await runSweep({} as Harness, { runs: 4 } as Scenario, 'f', {
    seed: 1,
    borrow: () => (free > 0 ? (free--, () => void free++) : undefined),
    runScenario: async (_h, _s, _f, o) => (seen.push(o.seed as number), result(o.seed as number, 'pass')),
  })
  expect(seen.sort()).toEqual([1, 2, 3, 4].map((k) => sweepRunSeed(1, k)).sort())
  expect(r.runs).toBe(4)
  expect(r.seed).toBe(sweepRunSeed(1, 4))
  expect(free).toBe(1)
})
