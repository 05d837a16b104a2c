import { deriveSeed } from '../perturb/index.ts'
import { plural } from '../report/render-violation.ts'
import type { Scenario } from '../scenario/index.ts'
import type { Harness } from './harness.ts'
import type { ScenarioResult } from './result.ts'
import { runScenario, type RunScenarioOptions } from './run-scenario.ts'

export interface SweepOptions {
  seed: number
  /** runs to make; default the scenario's `runs`, else 1 */
  runs?: number
  runOptions?: Omit<RunScenarioOptions, 'seed'>
  onProgress?: (index: number, total: number) => void
  /** the scenario runner; default runScenario (unit tests pass a fake) */
  runScenario?: (h: Harness, scenario: Scenario, file: string, opts: RunScenarioOptions) => Promise<ScenarioResult>
}

export interface SweepResult extends ScenarioResult {
  /** runs made (the one that failed included) */
  runs: number
}

/**
 * The seed of run k of a sweep: run 1 has the sweep's own seed (a sweep of 1 is the plain run), the
 * others one derived from it, so that every run has its own crash points and timings and any run repeats
 * alone with `--seed <its seed>`.
 */
export function sweepRunSeed(seed: number, k: number): number {
  return k === 1 ? seed : deriveSeed(seed, `sweep-run:${k}`)
}

/**
 * A sweep (DESIGN.md section 10): a scenario on fixture input run up to `runs` times, each with its own
 * seed. A crash point is one sample of timing; a sweep samples many. It stops at the first run that does
 * not pass and reports "caught on run k of N" with that run's seed (its `repeat` command repeats it
 * alone); a sweep that passes says "N runs, 0 violations".
 */
export async function runSweep(h: Harness, scenario: Scenario, file: string, opts: SweepOptions): Promise<SweepResult> {
  const total = opts.runs ?? scenario.runs ?? 1
  const run = opts.runScenario ?? runScenario
  const started = Date.now()
  let result: ScenarioResult | undefined
  let k = 0
  while (k < total) {
    k++
    opts.onProgress?.(k, total)
    result = await run(h, scenario, file, { ...opts.runOptions, seed: sweepRunSeed(opts.seed, k) })
    if (result.verdict !== 'pass') break
  }
  const last = result as ScenarioResult
  if (total === 1) return { ...last, runs: 1 }
  const message =
    last.verdict === 'pass'
      ? `${plural(total, 'run')}, 0 violations (sweep seed ${opts.seed})`
      : `${last.verdict === 'fail' ? 'caught' : 'errored'} on run ${k} of ${total}, seed ${last.seed} (sweep seed ${opts.seed}); alone: ${last.repeat}`
  return { ...last, notes: [...last.notes, { oracle: 'sweep', kind: last.verdict === 'pass' ? 'sweep' : 'caught', message }], durationMs: Date.now() - started, runs: k }
}
