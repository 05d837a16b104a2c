import { deriveSeed } from '../perturb/index.ts'
import { plural } from '../text/index.ts'
import type { Scenario } from '../scenario/index.ts'
import type { Harness } from './harness.ts'
import type { Release } from './slots.ts'
import type { ScenarioResult } from '../result/index.ts'
import { runScenario, type RunScenarioOptions } from './run-scenario.ts'

export interface SweepOptions {
  seed: number
  /** runs to make; default the scenario's `runs`, else 1 */
  runs?: number
  runOptions?: Omit<RunScenarioOptions, 'seed'>
  onProgress?: (index: number, total: number) => void
  /**
   * A free slot of the run's pool for a further run at once, or undefined; runs still get the seeds a
   * sequential sweep gives them and the result is the one a sequential sweep reports. Default: none
   * (one run after another).
   */
  borrow?: () => Release | undefined
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
  const results = new Map<number, ScenarioResult>()
  // the first run that did not pass; runs after it are not started (runs before it still count)
  let stopAt = Infinity
  let claimed = 0
  const more = (): boolean => claimed < total && claimed + 1 < stopAt
  const claim = (): number | undefined => (more() ? ++claimed : undefined)
  const workers: Promise<void>[] = []
  const worker = async (release?: Release): Promise<void> => {
    try {
      for (let k = claim(); k !== undefined; k = claim()) {
        opts.onProgress?.(k, total)
        const running = run(h, scenario, file, { ...opts.runOptions, seed: sweepRunSeed(opts.seed, k) })
        spawnBorrowed()
        const r = await running
        results.set(k, r)
        if (r.verdict !== 'pass') stopAt = Math.min(stopAt, k)
      }
    } finally {
      release?.()
    }
  }
  // a further run in a slot borrowed from the pool, while runs are left to claim and slots are free
  const spawnBorrowed = (): void => {
    while (more()) {
      const release = opts.borrow?.()
      if (!release) return
      workers.push(worker(release))
    }
  }
  workers.push(worker())
  let thrown: { error: unknown } | undefined
  for (let i = 0; i < workers.length; i++) await (workers[i] as Promise<void>).catch((error: unknown) => void (thrown ??= { error }))
  if (thrown) throw thrown.error
  // what a sequential sweep reports: the first run that did not pass, else the last run
  const k = stopAt === Infinity ? total : stopAt
  const last = results.get(k) as ScenarioResult
  if (total === 1) return { ...last, runs: 1 }
  const message =
    last.verdict === 'pass'
      ? `${plural(total, 'run')}, 0 violations (sweep seed ${opts.seed})`
      : `${last.verdict === 'fail' ? 'caught' : 'errored'} on run ${k} of ${total}, seed ${last.seed} (sweep seed ${opts.seed}); alone: ${last.repeat}`
  return { ...last, notes: [...last.notes, { oracle: 'sweep', kind: last.verdict === 'pass' ? 'sweep' : 'caught', message }], durationMs: Date.now() - started, runs: k }
}
