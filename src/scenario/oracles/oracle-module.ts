import type { z } from 'zod'
import type { CollectedTopic } from '../../collect/record.ts'
import { InputError } from '../../errors.ts'
import type { OracleResult } from '../../oracle/index.ts'
import type { Plan } from '../../replay/plan.ts'
import type { InputSpec, OutputSpec } from '../input-schema.ts'
import type { TopicSpec } from '../topic-schema.ts'

/**
 * What of a scenario an oracle reads, beyond its own options. (Not the whole `Scenario`: that type is
 * built from the oracles' schemas, so an oracle's own types cannot name it.)
 */
export interface ScenarioParts {
  topics: Record<string, TopicSpec>
  input: readonly InputSpec[]
  output: readonly OutputSpec[]
}

/** A finished run as the oracles see it: its id (for `{{runId}}` in SQL) and its collected outputs. */
export interface RunOutputs {
  runId: string
  outputs: readonly CollectedTopic[]
}

export interface JudgeContext {
  scenario: ScenarioParts
  /** the plan the run replayed: arrival order per partition, fault steps */
  plan: Plan
  run: RunOutputs
  /** a clean run of the de-duplicated stream, for an oracle with `cleanRun` */
  clean?: RunOutputs
}

/** Reports a problem of an oracle's options at `path` (under `oracles[i].<kind>`) with what was expected. */
export type ReportIssue = (path: readonly (string | number)[], expected: string) => void

/**
 * One oracle a scenario may name (`oracles: [{ <kind>: { ...options } }]`): its options' schema, how it
 * judges a run, and what it needs. Every oracle is one such module in `ORACLES` (list.ts): the scenario
 * schema is built from that list, so an oracle that cannot judge cannot be named.
 */
export interface OracleModule<K extends string = string, S extends z.ZodType = z.ZodType> {
  readonly kind: K
  /** the options under `<kind>:`; loose objects, so fields a later version needs pass through */
  readonly schema: S
  /** it compares the run with a clean run of the same events without perturbations (one more run) */
  readonly cleanRun?: boolean
  /** checks of the options against the rest of the scenario (topics, inputs), once every part parsed */
  check?(options: z.output<S>, scenario: ScenarioParts, issue: ReportIssue): void
  judge(options: z.output<S>, ctx: JudgeContext): Promise<OracleResult>
}

export function defineOracle<const K extends string, S extends z.ZodType>(module: OracleModule<K, S>): OracleModule<K, S> {
  return module
}

/** The collected output topic `topic` of a run. */
export function outputOf(run: RunOutputs, topic: string): CollectedTopic {
  const out = run.outputs.find((o) => o.topic === topic)
  if (!out) throw new InputError(`oracle output "${topic}" is not listed under output:`)
  return out
}
