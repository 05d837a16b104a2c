import type { OracleResult } from '../oracle/index.ts'
import type { Plan } from '../replay/plan.ts'
import { judgeOracle, needsCleanRun as anyCleanRun, type Scenario } from '../scenario/index.ts'
import type { Execution } from './execute-run.ts'

export interface JudgeContext {
  scenario: Scenario
  plan: Plan
  run: Execution
  /** a clean run of the de-duplicated stream, for an oracle that compares with one (idempotency) */
  clean?: Execution
}

/** Every oracle of the scenario, in the order it lists them, each by its module (scenario/oracles/). */
export async function judgeAll(ctx: JudgeContext): Promise<Required<OracleResult>> {
  const result: Required<OracleResult> = { violations: [], notes: [], judgedLate: [] }
  for (const spec of ctx.scenario.oracles) {
    const r = await judgeOracle(spec, ctx)
    result.violations.push(...r.violations)
    result.notes.push(...r.notes)
    for (const seq of r.judgedLate ?? []) result.judgedLate.push(seq)
  }
  return result
}

export const needsCleanRun = (scenario: Scenario): boolean => anyCleanRun(scenario.oracles)
