import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Harness } from '../../../src/runner/harness.ts'
import { loadInputs, withInputFixtures } from '../../../src/runner/inputs.ts'
import { runProperty, scenarioBaseName, type ScenarioRunner } from '../../../src/runner/property-run.ts'
import type { ScenarioResult } from '../../../src/result/scenario-result.ts'
import { parseScenario, type Scenario } from '../../../src/scenario/index.ts'
import { readFixtureAll, type StreamEvent } from '../../../src/stream/index.ts'

const FILE = 'scenarios/late-counts.scenario.yaml'
const h = {} as Harness

function scenario(generate: Record<string, unknown> = {}, expect?: unknown): Scenario {
  return parseScenario(
    {
      name: 'late counts',
      topics: { orders: { partitions: 2 }, counts: {} },
      input: [{ topic: 'orders', generate: { keys: 5, events: 80, span: '20s', disorder: '500ms', runs: 40, ...generate } }],
      sut: { command: 'node', args: ['app.mjs'] },
      output: [{ topic: 'counts' }],
      oracles: [{ 'exactly-once': { output: 'counts' } }],
      ...(expect !== undefined ? { expect } : {}),
    },
    { file: `/repo/${FILE}` },
  )
}

interface Call {
  events: StreamEvent[]
  seed: number | undefined
  generate: boolean
}

/**
 * An in-memory SUT + oracle: fails with `late-included` when key k3 has an event after 5000 ms (the
 * "bug"); with `shortFails`, any stream of fewer than 3 events fails with `missing-window` instead.
 */
function fakeRunner(opts: { shortFails?: boolean; throwAt?: number; withK1?: string } = {}): { run: ScenarioRunner; calls: Call[] } {
  const calls: Call[] = []
  const run: ScenarioRunner = async (_h, s, file, o) => {
    if (calls.length === opts.throwAt) throw new Error('broker went away')
    const events = s.input[0]!.events ?? (await loadInputs(s, file))[0]!.events
    calls.push({ events: [...events], seed: o.seed, generate: s.input[0]!.generate !== undefined })
    const bug = events.filter((e) => e.key === 'k3' && e.ts > 5_000)
    let kinds = opts.shortFails && events.length < 3 ? ['missing-window'] : bug.length > 0 ? ['late-included'] : []
    if (opts.withK1 && kinds.length > 0 && events.some((e) => e.key === 'k1')) kinds = [...kinds, opts.withK1]
    const result: ScenarioResult = {
      name: s.name,
      file,
      verdict: kinds.length > 0 ? 'fail' : 'pass',
      expect: s.expect,
      asExpected: kinds.length === 0,
      violations: kinds.map((kind) => ({ oracle: 'fake', kind, ids: bug.map((e) => e.id!), where: [], message: kind })),
      notes: [{ oracle: 'fake', kind: 'events', message: String(events.length) }],
      seed: o.seed ?? 0,
      durationMs: 1,
      repeat: `npx stream-test run ${file} --seed ${o.seed}`,
      crashes: [],
      sutOutput: [],
      phases: {},
    }
    return result
  }
  return { run, calls }
}

const tempDir = () => mkdtemp(join(tmpdir(), 'st-property-'))

describe('runProperty', () => {
  it('a property that holds: every run passes, runs = the scenario runs, no regression written', async () => {
    const cwd = await tempDir()
    const { run, calls } = fakeRunner()
    const progress: string[] = []
    const result = await runProperty(h, scenario({ keys: 3 }), FILE, {
      seed: 5,
      runScenario: run,
      cwd,
      onProgress: (i, n, phase) => progress.push(`${phase} ${i}/${n}`),
    })
    expect(result.verdict).toBe('pass')
    expect(result.runs).toBe(40)
    expect(result.shrinks).toBe(0)
    expect(result.regression).toBeUndefined()
    expect(calls).toHaveLength(40)
    expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => `run ${i + 1}/40`))
    // each run: the generated events inline (no generate left), 80 of them, the property's seed
    expect(calls.every((c) => !c.generate && c.events.length === 80 && c.seed === 5)).toBe(true)
    expect(new Set(calls.map((c) => JSON.stringify(c.events))).size).toBe(40)
    expect(await readdir(cwd)).toEqual([])
  })

  it('a failing property shrinks, saves the smallest failing stream and the command that replays it', async () => {
    const cwd = await tempDir()
    const { run, calls } = fakeRunner()
    const result = await runProperty(h, scenario(), FILE, { seed: 7, runScenario: run, cwd, shrinkBudget: 500 })
    expect(result.verdict).toBe('fail')
    expect(result.violations.map((v) => v.kind)).toEqual(['late-included'])
    expect(result.shrinks).toBeGreaterThan(0)
    expect(calls).toHaveLength(result.runs + result.shrinks)
    expect(result.regression).toEqual({
      fixtures: [{ input: 'orders', file: 'fixtures/regressions/late-counts-7.jsonl' }],
      file: 'fixtures/regressions/late-counts-7.jsonl',
      command: `npx stream-test run ${FILE} --fixture orders=fixtures/regressions/late-counts-7.jsonl --seed 7`,
    })
    expect(result.repeat).toBe(result.regression!.command)

    const saved = await readFixtureAll(join(cwd, 'fixtures/regressions/late-counts-7.jsonl'))
    const shrunk = saved.map(({ source: _s, ...e }) => e)
    // the result is the run of exactly the saved stream, and the saved stream is small
    expect(result.notes[0]!.message).toBe(String(shrunk.length))
    expect(shrunk).toEqual([{ key: 'k3', value: { key: 'k3', amount: 1 }, headers: {}, ts: 5_001, id: 'orders-0' }])

    // the fixture alone reproduces the failure: --fixture orders=<file> replaces the generated input
    const replay = withInputFixtures(scenario(), { orders: result.regression!.file }, FILE, cwd)
    expect(replay.input[0]!.generate).toBeUndefined()
    const again = await fakeRunner().run(h, replay, FILE, { seed: 7 })
    expect(again.verdict).toBe('fail')
    expect(again.violations.map((v) => v.kind)).toEqual(['late-included'])
  })

  it('the same seed gives the same runs, shrinks and counterexample', async () => {
    const a = await runProperty(h, scenario(), FILE, { seed: 99, runScenario: fakeRunner().run, cwd: await tempDir() })
    const b = await runProperty(h, scenario(), FILE, { seed: 99, runScenario: fakeRunner().run, cwd: await tempDir() })
    expect(a.verdict).toBe('fail')
    expect([b.runs, b.shrinks, b.violations]).toEqual([a.runs, a.shrinks, a.violations])
  })

  it('stops shrinking after the budget: exactly that many shrink runs, progress shown for each', async () => {
    const cwd = await tempDir()
    const { run, calls } = fakeRunner()
    const shrinkSteps: string[] = []
    const result = await runProperty(h, scenario({ events: 400 }), FILE, {
      seed: 7,
      runScenario: run,
      cwd,
      shrinkBudget: 3,
      onProgress: (i, n, phase) => phase === 'shrink' && shrinkSteps.push(`${i}/${n}`),
    })
    expect(result.verdict).toBe('fail')
    expect(result.shrinks).toBe(3)
    expect(shrinkSteps).toEqual(['1/3', '2/3', '3/3'])
    expect(calls).toHaveLength(result.runs + 3)
    const saved = await readFixtureAll(join(cwd, result.regression!.file))
    expect(Number(result.notes[0]!.message)).toBe(saved.length)
  })

  it('shrinking keeps the kind of failure: a smaller stream failing another way is not taken', async () => {
    const { run } = fakeRunner({ shortFails: true })
    const result = await runProperty(h, scenario(), FILE, { seed: 7, runScenario: run, cwd: await tempDir(), shrinkBudget: 500 })
    expect(result.violations.map((v) => v.kind)).toEqual(['late-included'])
    expect(Number(result.notes[0]!.message)).toBe(3)
  })

  it("a scenario that expects a fail keeps every expected kind while shrinking (the twin's bug, not just any failure)", async () => {
    // the bug gives late-included; a k1 event in the stream adds wrong-value, the kind the scenario expects
    const { run } = fakeRunner({ withK1: 'wrong-value' })
    const expected = await runProperty(h, scenario({}, { verdict: 'fail', violations: ['wrong-value'] }), FILE, { seed: 7, runScenario: run, cwd: await tempDir(), shrinkBudget: 500 })
    expect(expected.violations.map((v) => v.kind)).toEqual(['late-included', 'wrong-value'])
    expect(Number(expected.notes[0]!.message)).toBe(2)
    // expecting pass, any failure sharing a kind will do: the k1 event goes
    const { run: run2 } = fakeRunner({ withK1: 'wrong-value' })
    const any = await runProperty(h, scenario(), FILE, { seed: 7, runScenario: run2, cwd: await tempDir(), shrinkBudget: 500 })
    expect(any.violations.map((v) => v.kind)).toEqual(['late-included'])
    expect(Number(any.notes[0]!.message)).toBe(1)
  })

  it('a runner that throws stops the property with that error', async () => {
    const { run, calls } = fakeRunner({ throwAt: 4 })
    await expect(runProperty(h, scenario(), FILE, { seed: 1, runScenario: run, cwd: await tempDir() })).rejects.toThrow('broker went away')
    expect(calls).toHaveLength(4)
  })

  it('opts.runs overrides the scenario runs; a scenario without generate runs once', async () => {
    const { run, calls } = fakeRunner()
    const r = await runProperty(h, scenario({ keys: 2 }), FILE, { seed: 1, runs: 3, runScenario: run, cwd: await tempDir() })
    expect([r.runs, calls.length]).toEqual([3, 3])
    const fixed = withInputFixtures(scenario(), { orders: '/abs/none.jsonl' }, FILE)
    const once = fakeRunner()
    await expect(runProperty(h, fixed, FILE, { seed: 1, runScenario: once.run })).rejects.toThrow(/none\.jsonl/)
  })
})

describe('scenarioBaseName', () => {
  it('drops the folder and the .scenario.<ext> suffix', () => {
    expect(scenarioBaseName('scenarios/late-counts.scenario.yaml')).toBe('late-counts')
    expect(scenarioBaseName('/x/y/orders.scenario.ts')).toBe('orders')
    expect(scenarioBaseName('plain.yml')).toBe('plain')
  })
})
