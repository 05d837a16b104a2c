import { setTimeout as delay } from 'node:timers/promises'
import type { Message, Producer } from 'kafkajs'
import type { FaultOp, Plan, PlanOp, ProduceOp } from './plan.ts'
import { dueAt, type Pace } from './pace.ts'
import { encodeKey, type Encode } from './codec.ts'
import type { KeyFormat } from './topic-format.ts'

export interface ReplayTarget {
  /** real topic name, e.g. st.<runId>.orders */
  name: string
  key: KeyFormat
  encode: Encode
}

export interface ReplayOptions {
  producer: Producer
  /** logical topic name -> where and how to produce it */
  targets: Record<string, ReplayTarget>
  pace?: Pace
  /** largest batch handed to one send; a fault step always ends a batch */
  batchSize?: number
  /** called at every fault step, after every earlier op has been acknowledged */
  onFault?: (op: FaultOp, produced: number) => Promise<void>
  onProgress?: (produced: number, total: number) => void
  /** called after each acknowledged batch with the ops it carried */
  onAcked?: (ops: ProduceOp[]) => void
}

export interface ReplayStats {
  produced: number
  faults: number
  ms: number
}

/**
 * Produce a plan in plan order. Ops are sent in batches; a batch is one kafkajs send with explicit
 * partitions, and the producer is idempotent with one request in flight, so per-partition order on
 * the broker equals plan order. Fault steps are barriers: everything before them is acknowledged first.
 */
export async function replayPlan(plan: Plan, opts: ReplayOptions): Promise<ReplayStats> {
  const total = plan.ops.reduce((n, op) => n + (op.kind === 'produce' ? 1 : 0), 0)
  return replayOps(plan.ops, opts, total)
}

/** Like `replayPlan`, over ops that may be streamed (an async iterable); `total` only feeds progress. */
export async function replayOps(ops: Iterable<PlanOp> | AsyncIterable<PlanOp>, opts: ReplayOptions, total?: number): Promise<ReplayStats> {
  const started = Date.now()
  const pace = opts.pace ?? { kind: 'max' }
  const batchSize = opts.batchSize ?? 500
  let firstTs: number | undefined
  let produced = 0
  let faults = 0
  let batch: ProduceOp[] = []

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return
    const sent = batch
    batch = []
    await sendBatch(opts.producer, sent, opts.targets)
    produced += sent.length
    opts.onAcked?.(sent)
    opts.onProgress?.(produced, total ?? produced)
  }

  for await (const op of ops) {
    if (op.kind !== 'produce') {
      await flush()
      faults++
      await opts.onFault?.(op, produced)
      continue
    }
    firstTs ??= op.ts
    const due = dueAt(pace, op.ts, firstTs)
    const wait = started + due - Date.now()
    if (wait > 0) {
      await flush()
      await delay(wait)
    }
    batch.push(op)
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  return { produced, faults, ms: Date.now() - started }
}

async function sendBatch(producer: Producer, ops: ProduceOp[], targets: Record<string, ReplayTarget>): Promise<void> {
  const byTopic = new Map<string, Message[]>()
  for (const op of ops) {
    const target = targets[op.topic]
    if (!target) throw new Error(`plan names topic "${op.topic}" that the run did not create`)
    const messages = byTopic.get(target.name) ?? []
    messages.push({
      partition: op.partition,
      key: encodeKey(op.key, target.key),
      value: await target.encode(op.value),
      headers: op.headers,
      timestamp: String(op.ts),
    })
    byTopic.set(target.name, messages)
  }
  await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 })
}
