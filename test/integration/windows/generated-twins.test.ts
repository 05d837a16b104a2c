import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { withInputFixtures } from '../../../src/runner/inputs.ts'
import { runProperty } from '../../../src/runner/property-run.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { loadScenario } from '../../../src/scenario/index.ts'
import { readFixtureAll } from '../../../src/stream/index.ts'
import { spawnCli } from '../cli/spawn-cli.ts'
import { sharedHarness } from '../helpers/harness.ts'

// The repo's generated-input scenarios for the windowed counter's buggy twins, as `stream-test run`
// runs them: each twin is caught within the scenario's run budget, the failure is shrunk within its
// shrink budget, and the saved regression fixture fails the same way when replayed alone.
const TWINS = [
  { bug: 'processing-time', kinds: ['missing-window', 'extra-window'] },
  { bug: 'ignore-grace', kinds: ['late-included'] },
  { bug: 'end-inclusive', kinds: ['wrong-value'] },
] as const

/**
 * A test here is up to 31 scenario runs: the scenarios' `runs: 20` until the first failure, up to
 * `shrinkBudget: 10` shrink runs, and the regression fixture alone, each starting the counter with
 * `node --import tsx`. The project's 90 s per test was one bound for all of them; on 2 busy cores
 * they took 53-79 s at load ~20 and ran out at load ~40. 10 s per run is the hang guard.
 */
const MAX_RUNS = 20 + 10 + 1
const PER_RUN_MS = 10_000

let h: Harness
let dir: string
beforeAll(async () => {
  h = await sharedHarness()
  dir = await mkdtemp(join(tmpdir(), 'st-generated-twins-'))
})
afterAll(async () => {
  await h?.[Symbol.asyncDispose]()
  await rm(dir, { recursive: true, force: true })
})

describe.each(TWINS)('the counter twin $bug', ({ bug, kinds }) => {
  it(`is caught by generated streams within the run budget and its regression fixture alone fails with ${kinds.join(', ')}`, async () => {
    const file = resolve('scenarios', `window-counter-${bug}-generated.scenario.yaml`)
    const scenario = await loadScenario(file)
    const budget = scenario.input[0]!.generate!
    expect(budget.runs! + budget.shrinkBudget! + 1, 'MAX_RUNS above covers the scenario budget').toBeLessThanOrEqual(MAX_RUNS)
    const result = await runProperty(h, scenario, file, { seed: scenario.seed!, regressionsDir: dir })
    expect(result.asExpected, result.violations.map((v) => v.message).join('\n')).toBe(true)
    expect(result.runs).toBeLessThanOrEqual(budget.runs!)
    expect(result.shrinks).toBeLessThanOrEqual(budget.shrinkBudget!)
    const regression = result.regression!
    expect(regression.file).toMatch(new RegExp(`window-counter-${bug}-generated-${scenario.seed}\\.jsonl$`))
    const saved = await readFixtureAll(resolve(regression.file))
    // shrunk: a handful of events out of the generated stream's 60
    expect(saved.length).toBeLessThanOrEqual(10)

    // the fixture alone, no generator: the same kinds of violation
    const alone = await runScenario(h, withInputFixtures(scenario, { events: resolve(regression.file) }, file), file, { seed: scenario.seed! })
    expect(alone.verdict).toBe('fail')
    expect(new Set(alone.violations.map((v) => v.kind))).toEqual(new Set(kinds))
  }, MAX_RUNS * PER_RUN_MS)
})

it('the printed command replays the regression fixture alone through the CLI, which reports the twin caught', async () => {
  const file = resolve('scenarios', 'window-counter-ignore-grace-generated.scenario.yaml')
  const scenario = await loadScenario(file)
  const result = await runProperty(h, scenario, relative(process.cwd(), file), { seed: scenario.seed!, regressionsDir: dir, shrinkBudget: 3 })
  const command = result.regression!.command
  expect(command).toMatch(/^npx stream-test run scenarios\/window-counter-ignore-grace-generated\.scenario\.yaml --fixture events=\S+\.jsonl --seed 7$/)
  const args = command.split(' ').slice(2)
  const conn = inject('kafka')
  const cli = await spawnCli([...args, '--env', 'external'], { ...process.env, KAFKA_BROKERS: conn.brokers.join(',') }, 120_000)
  expect(cli.stderr + cli.stdout).toContain('expected fail: late-included — caught')
  expect(cli.stdout).not.toContain('generated run')
  expect(cli.code).toBe(0)
}, (20 + 3) * PER_RUN_MS + 120_000) // runs until caught and 3 shrinks, then the CLI's own 120 s bound
