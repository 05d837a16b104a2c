import { basename, relative, resolve } from 'node:path'
import fc from 'fast-check'
import { eventStreamArb, generateSetting, streamOptionsFor } from '../generate/index.ts'
import { plural, shellQuote } from '../text/index.ts'
import type { Scenario } from '../scenario/index.ts'
import { writeFixture, type StreamEvent } from '../stream/index.ts'
import type { Harness } from './harness.ts'
import { withInputEvents } from './inputs.ts'
import type { ScenarioResult } from '../result/index.ts'
import { runScenario, type RunScenarioOptions } from './run-scenario.ts'
import { runSweep, type SweepOptions } from './sweep.ts'

/** One full scenario run; `runScenario` in production, a fake in unit tests. */
export type ScenarioRunner = (h: Harness, scenario: Scenario, file: string, opts: RunScenarioOptions) => Promise<ScenarioResult>

export interface PropertyRunOptions {
  /** fast-check's seed and every run's perturbation seed: the same seed repeats the whole property */
  seed: number
  /** generated streams to try; default the scenario's `generate.runs`, else 100 */
  runs?: number
  /** shrink steps (each one full run) after the first failure; default the scenario's `generate.shrinkBudget`, else 50. 0 keeps the first failure */
  shrinkBudget?: number
  /** called before each run: run i of total (phase 'run'), or shrink step i of the budget (phase 'shrink') */
  onProgress?: (index: number, total: number, phase: 'run' | 'shrink') => void
  /** the scenario runner; default runScenario (unit tests pass a fake) */
  runScenario?: ScenarioRunner
  /** options every run gets (timeout, keepTopics, repeatCommand); seed is always `seed` */
  runOptions?: Omit<RunScenarioOptions, 'seed'>
  /** a sweep's further runs at once: a free slot of the run's pool, or undefined (see SweepOptions.borrow) */
  borrow?: SweepOptions['borrow']
  /** where regression fixtures go; default fixtures/regressions under cwd */
  regressionsDir?: string
  /** paths in the printed command are relative to this; default process.cwd() */
  cwd?: string
}

export interface Regression {
  /** the fixture files written, one per generated input */
  fixtures: { input: string; file: string }[]
  /** the first fixture (the only one for the usual single generated input) */
  file: string
  /** replays just the saved stream: `npx stream-test run <scenario> --fixture <topic>=<file> --seed <seed>` */
  command: string
}

/** A property's outcome: the last passing run, or the shrunk failing run with its regression fixture. */
export interface PropertyResult extends ScenarioResult {
  /** generated runs made (the failing one included), not counting shrink steps */
  runs: number
  /** shrink steps made (full runs after the first failure) */
  shrinks: number
  regression?: Regression
}

const DEFAULT_RUNS = 100
const DEFAULT_SHRINK_BUDGET = 50

/**
 * Runs a scenario with `generate:` inputs as a fast-check property: each run is one full scenario run
 * (fresh topics: the runner makes a run namespace per call) with the generated streams as the inputs'
 * events and the same perturbation seed; the property holds when the verdict is `pass`.
 *
 * On the first failure fast-check shrinks (fast-check stops running new streams at a failure, so
 * `endOnFailure` would only disable shrinking). A shrink candidate counts as still failing only when it
 * fails the same way: verdict `error` again, or `fail` with at least one violation kind of the first
 * failure, so shrinking does not wander from a window bug to a timeout. The budget is counted in
 * runs: after `shrinkBudget` shrink steps the arbitraries offer no more shrink candidates (and any
 * candidate still in flight returns `true` without running), which ends fast-check's shrinking with
 * the smallest failure found so far. (fast-check's own `interruptAfterTimeLimit` bounds time, not
 * runs, and `endOnFailure` would skip shrinking altogether.)
 *
 * The smallest failing streams are saved with writeFixture to
 * `fixtures/regressions/<scenario>-<seed>.jsonl` (`-<topic>` added per input when several inputs
 * generate), and the result is that run's, with `repeat` and `regression.command` replaying it alone.
 */
export async function runProperty(h: Harness, scenario: Scenario, file: string, opts: PropertyRunOptions): Promise<PropertyResult> {
  const started = Date.now()
  const indices = scenario.input.flatMap((inp, i) => (inp.generate !== undefined ? [i] : []))
  if (indices.length === 0) {
    const result = await runSweep(h, scenario, file, {
      seed: opts.seed,
      ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
      ...(opts.runOptions ? { runOptions: opts.runOptions } : {}),
      ...(opts.runScenario ? { runScenario: opts.runScenario } : {}),
      ...(opts.borrow ? { borrow: opts.borrow } : {}),
      onProgress: (i, total) => opts.onProgress?.(i, total, 'run'),
    })
    return { ...result, shrinks: 0 }
  }
  const total = opts.runs ?? generateSetting(scenario, 'runs') ?? DEFAULT_RUNS
  const budget = opts.shrinkBudget ?? generateSetting(scenario, 'shrinkBudget') ?? DEFAULT_SHRINK_BUDGET
  let shrinks = 0
  const stopShrinking = () => shrinks >= budget
  const arbs = await Promise.all(indices.map(async (i) => eventStreamArb({ ...(await streamOptionsFor(scenario, i, file)), stopShrinking })))
  const run = opts.runScenario ?? runScenario
  const runOnce = (streams: StreamEvent[][]) =>
    run(h, withInputEvents(scenario, new Map(indices.map((inp, k) => [inp, streams[k]!]))), file, { ...opts.runOptions, seed: opts.seed })

  let runs = 0
  let last: ScenarioResult | undefined
  let failing: { streams: StreamEvent[][]; result: ScenarioResult } | undefined
  let thrown: { error: unknown } | undefined
  const property = fc.asyncProperty(fc.tuple(...arbs), async (streams) => {
    if (thrown) return true
    const shrinking = failing !== undefined
    if (shrinking && shrinks >= budget) return true
    // counted outside the optional call: `f?.(++n)` skips the increment when f is undefined
    if (shrinking) shrinks++
    else runs++
    opts.onProgress?.(shrinking ? shrinks : runs, shrinking ? budget : total, shrinking ? 'shrink' : 'run')
    let result: ScenarioResult
    try {
      result = await runOnce(streams)
    } catch (error) {
      thrown = { error }
      return true
    }
    if (!shrinking) last = result
    if (result.verdict === 'pass' || (failing && !sameFailure(failing.result, result, scenario.expect))) return true
    failing = { streams, result }
    return false
  })
  await fc.check(property, { seed: opts.seed, numRuns: total })
  if (thrown) throw thrown.error

  const durationMs = Date.now() - started
  if (!failing) {
    const result = last ?? (await runOnce(indices.map(() => [])))
    return { ...result, durationMs, runs, shrinks }
  }
  const regression = await saveRegression(scenario, file, indices, failing.streams, opts)
  const events = failing.streams.reduce((n, s) => n + s.length, 0)
  const note = {
    oracle: 'property',
    kind: 'regression',
    message: `failed on generated run ${runs} of ${total}, shrunk in ${shrinks} runs to ${plural(events, 'event')}: ${regression.fixtures.map((f) => f.file).join(', ')}; alone: ${regression.command}`,
  }
  return { ...failing.result, notes: [...failing.result.notes, note], durationMs, runs, shrinks, repeat: regression.command, regression }
}

/**
 * A shrink candidate fails "the same way" as the original failure: the same verdict and, for `fail`,
 * every violation kind the scenario expects (when the original showed them all: a twin's regression
 * fixture must show the bug the scenario is about), else at least one kind of the original.
 */
function sameFailure(original: ScenarioResult, candidate: ScenarioResult, expect: Scenario['expect']): boolean {
  if (candidate.verdict !== original.verdict) return false
  if (candidate.verdict !== 'fail') return true
  const has = (results: ScenarioResult, kind: string) => results.violations.some((v) => v.kind === kind)
  const expected = expect.verdict === 'fail' ? expect.violations : []
  if (expected.length > 0 && expected.every((k) => has(original, k))) return expected.every((k) => has(candidate, k))
  return original.violations.some((v) => has(candidate, v.kind))
}

async function saveRegression(
  scenario: Scenario,
  file: string,
  indices: number[],
  streams: StreamEvent[][],
  opts: PropertyRunOptions,
): Promise<Regression> {
  const cwd = opts.cwd ?? process.cwd()
  const dir = resolve(cwd, opts.regressionsDir ?? 'fixtures/regressions')
  const base = `${scenarioBaseName(file)}-${opts.seed}`
  const fixtures: Regression['fixtures'] = []
  for (const [k, i] of indices.entries()) {
    const topic = scenario.input[i]!.topic
    const shared = scenario.input.filter((inp) => inp.topic === topic).length > 1
    const input = shared ? `input[${i}]` : topic
    const name = indices.length === 1 ? `${base}.jsonl` : `${base}-${shared ? `input${i}` : topic}.jsonl`
    const path = resolve(dir, name)
    await writeFixture(path, streams[k]!)
    fixtures.push({ input, file: relative(cwd, path) || path })
  }
  const flags = fixtures.flatMap((f) => ['--fixture', shellQuote(`${f.input}=${f.file}`)])
  const command = ['npx', 'stream-test', 'run', shellQuote(file), ...flags, '--seed', String(opts.seed)].join(' ')
  return { fixtures, file: fixtures[0]!.file, command }
}

/** `scenarios/late-counts.scenario.yaml` -> `late-counts`. */
export function scenarioBaseName(file: string): string {
  return basename(file).replace(/\.scenario\.(ya?ml|[cm]?[jt]s)$/, '').replace(/\.(ya?ml|[cm]?[jt]s)$/, '')
}
