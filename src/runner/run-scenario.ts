import { log } from '../log.ts'
import { StreamTestError } from '../errors.ts'
import { randomSeed } from '../perturb/rng.ts'
import { buildPlan } from '../replay/build-plan.ts'
import { timelineFromPlan } from '../result/index.ts'
import type { Scenario } from '../scenario/index.ts'
import { executeRun, type Execution } from './execute-run.ts'
import type { Harness } from './harness.ts'
import { judgeAll, needsCleanRun } from './judge.ts'
import { loadInputs } from './inputs.ts'
import { toPlanSpecs } from './plan-specs.ts'
import type { Expectation, ScenarioResult, Verdict } from '../result/index.ts'
import { runFailure } from './run-failed.ts'

export interface RunScenarioOptions {
  seed?: number
  /** overrides the scenario's timeout, ms */
  timeoutMs?: number
  keepTopics?: boolean
  /** how the CLI names the command that repeats this scenario */
  repeatCommand?: (file: string, seed: number) => string
}

/** Did the run end as the scenario said it would? A `fail` expectation needs every listed kind. */
export function meetsExpectation(verdict: Verdict, kinds: string[], expect: Expectation): boolean {
  if (verdict !== expect.verdict) return false
  return expect.violations.every((k) => kinds.includes(k))
}

/**
 * One scenario, start to verdict: plan from inputs and perturbations, the perturbed run, (for
 * idempotency) a clean run of the same events without perturbations, then the oracles.
 */
export async function runScenario(h: Harness, scenario: Scenario, file: string, opts: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const started = Date.now()
  const seed = opts.seed ?? scenario.seed ?? randomSeed()
  const effective = opts.timeoutMs !== undefined ? { ...scenario, timeout: opts.timeoutMs } : scenario
  const base = resultBase(scenario, file, seed, opts.repeatCommand)
  let run: Execution | undefined
  try {
    const inputs = await loadInputs(effective, file)
    const plan = buildPlan(inputs, toPlanSpecs(effective.perturb), seed)
    const keep = opts.keepTopics ? { keepTopics: true } : {}
    run = await executeRun(h, effective, file, plan, keep)
    const clean = needsCleanRun(effective) ? await executeRun(h, effective, file, buildPlan(inputs, [], seed), keep) : undefined
    const judged = await judgeAll({ scenario: effective, plan, run, ...(clean ? { clean } : {}) })
    const verdict: Verdict = judged.violations.length > 0 ? 'fail' : 'pass'
    const kinds = [...new Set(judged.violations.map((v) => v.kind))]
    const phases = { ...run.phases }
    if (clean) for (const [k, v] of Object.entries(clean.phases)) phases[`clean-${k}`] = v
    return {
      ...base,
      verdict,
      asExpected: meetsExpectation(verdict, kinds, scenario.expect),
      violations: judged.violations,
      notes: judged.notes,
      durationMs: Date.now() - started,
      crashes: run.crashes,
      sutOutput: verdict === 'pass' ? [] : run.sutOutput.slice(-20),
      phases,
      timeline: timelineFromPlan(plan, { keep: judged.violations.flatMap((v) => v.ids), judgedLate: judged.judgedLate }),
    }
  } catch (err) {
    return erroredResult(scenario, base, err, { started, ...(run ? { run } : {}) })
  }
}

/** What every result of the scenario says: its name, file, expectation, seed and the command that repeats it. */
export function resultBase(scenario: Scenario, file: string, seed: number, repeatCommand?: (file: string, seed: number) => string): ResultBase {
  return { name: scenario.name, file, expect: scenario.expect, seed, repeat: repeatCommand?.(file, seed) ?? `npx stream-test run ${file} --seed ${seed}` }
}

type ResultBase = Pick<ScenarioResult, 'name' | 'file' | 'expect' | 'seed' | 'repeat'>

/**
 * The result of a scenario that ended in `err` (or never started: its environment was broken), with the
 * SUT's last lines and the crashes and phases of the run so far.
 */
export function erroredResult(
  scenario: Scenario,
  base: ResultBase,
  err: unknown,
  so: { started: number; run?: Pick<Execution, 'crashes' | 'phases'> },
): ScenarioResult {
  const { cause, sutOutput } = runFailure(err)
  const message = cause instanceof StreamTestError ? cause.message : `${(cause as Error).message}`
  log().debug({ err: cause }, `scenario ${scenario.name} ended in an error`)
  return {
    ...base,
    verdict: 'error',
    asExpected: scenario.expect.verdict === 'error',
    violations: [],
    notes: [],
    error: message.split('\n')[0] ?? message,
    durationMs: Date.now() - so.started,
    crashes: so.run?.crashes ?? [],
    sutOutput: sutOutput.slice(-20),
    phases: so.run?.phases ?? {},
  }
}
