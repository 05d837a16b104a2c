import type { FaultKind, FaultParams } from '../perturb/step.ts'

/** One produce operation of a plan, exactly as the replay engine sends it. */
export interface ProduceOp {
  kind: 'produce'
  /** position in the plan, 0-based */
  seq: number
  /** the scenario's logical topic name (`orders`); the run maps it to `st.<runId>.orders` */
  topic: string
  partition: number
  key: string | null
  value: unknown
  headers: Record<string, string>
  /** event time in ms, sent as CreateTime */
  ts: number
  id: string
  copy: number
  late?: true
  /** the value schema file to encode with, when not the topic's own (schema evolution) */
  schema?: string
  source?: { file: string; line: number }
}

/** A fault step: runs after every produce op with a smaller seq has been acknowledged. */
export interface FaultOp {
  kind: FaultKind
  seq: number
  params?: FaultParams
}

export type PlanOp = ProduceOp | FaultOp

export interface Plan {
  seed: number
  ops: PlanOp[]
}
