import type { OracleResult } from '../../oracle/index.ts'
import { exactlyOnce } from './exactly-once.ts'
import { idempotency } from './idempotency.ts'
import type { JudgeContext, OracleModule } from './oracle-module.ts'
import { windows } from './windows.ts'

/**
 * Every oracle a scenario may name, in the order the schema's messages list them. Adding an oracle is
 * adding its module (a file beside this one, `defineOracle({ kind, schema, judge })`) and its name here;
 * the scenario schema, the judging and the clean run all follow from this list. DESIGN.md's `model` and
 * `sql` (rows of a sink against expected rows) come back as modules with their judges.
 */
export const ORACLES = [exactlyOnce, idempotency, windows] as const

type Module = (typeof ORACLES)[number]
export type OracleKind = Module['kind']

/** The options schema of each oracle, by name: what scenario-schema.ts builds `oracles:` from. */
export type OracleSchemas = { [M in Module as M['kind']]: M['schema'] }

export const oracleSchemas = Object.fromEntries(ORACLES.map((m) => [m.kind, m.schema])) as OracleSchemas

/**
 * The module of an oracle by name; undefined for a name no module has (the schema refuses those, but
 * its scenario-wide refinement also sees items that failed to parse).
 */
export function oracleModule(kind: string): OracleModule | undefined {
  return (ORACLES as readonly OracleModule[]).find((m) => m.kind === kind)
}

/** Judge one parsed oracle (`{ kind, ...options }`) with its module. */
export function judgeOracle(spec: { kind: OracleKind }, ctx: JudgeContext): Promise<OracleResult> {
  const module = oracleModule(spec.kind)
  if (!module) throw new Error(`unreachable: the scenario schema accepted oracle ${spec.kind}, which has no module`)
  return module.judge(spec, ctx)
}

/** Does any of these oracles compare with a clean run? */
export function needsCleanRun(oracles: readonly { kind: OracleKind }[]): boolean {
  return oracles.some((o) => oracleModule(o.kind)?.cleanRun === true)
}
