import { setTimeout as delay } from 'node:timers/promises'
import type { Message, Producer } from 'kafkajs'
import type { FaultOp, Plan, PlanOp, ProduceOp } from './plan.ts'
import { dueAt, type Pace } from './pace.ts'
import { encodeKey, type Encode } from '../kafka/index.ts'
import type { KeyFormat } from '../kafka/index.ts'

export interface ReplayTarget {
  /** real topic name, e.g. st.<runId>.orders */
  name: string
  key: KeyFormat
  encode: Encode
}

export interface ReplayPlanOptions {
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
export async function replayPlan(plan: Plan, opts: ReplayPlanOptions): Promise<ReplayStats> {
  const total = plan.ops.reduce((n, op) => n + (op.kind === 'produce' ? 1 : 0), 0)
  return replayOps(plan.ops, opts, total)
}

/** Like `replayPlan`, over ops that may be streamed (an async iterable); `total` only feeds progress. */
export async function replayOps(ops: Iterable<PlanOp> | AsyncIterable<PlanOp>, opts: ReplayPlanOptions, total?: number): Promise<ReplayStats> {
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

/** Re-sends of partitions KafkaJS skipped, before the replay gives up on a batch. */
const SKIPPED_RESENDS = 5

/**
 * One batch, every partition acknowledged. KafkaJS (2.2.4, src/producer/sendMessages.js) groups a send
 * by leader and, on a retry, skips every broker that already answered: a partition whose leader died
 * and moved to such a broker is never sent, and the send still resolves. So the answer is checked
 * against the partitions sent, and the missing ones go again; the producer is idempotent and the skipped
 * partition's sequence was never advanced, so a copy the dead leader did replicate is not written twice.
 */
async function sendBatch(producer: Producer, ops: ProduceOp[], targets: Record<string, ReplayTarget>): Promise<void> {
  let pending = await toMessages(ops, targets)
  for (let attempt = 0; pending.size > 0; attempt++) {
    const answered = await producer.sendBatch({ topicMessages: [...pending].map(([topic, messages]) => ({ topic, messages })), acks: -1 })
    const acked = new Set(answered.map((r) => `${r.topicName}\0${r.partition}`))
    const missing = new Map<string, Message[]>()
    for (const [topic, messages] of pending) {
      const left = messages.filter((m) => !acked.has(`${topic}\0${m.partition}`))
      if (left.length > 0) missing.set(topic, left)
    }
    if (missing.size > 0 && attempt >= SKIPPED_RESENDS) {
      const where = [...missing].flatMap(([t, ms]) => [...new Set(ms.map((m) => `${t}[${m.partition}]`))]).join(', ')
      throw new Error(`the broker never acknowledged ${where} after ${SKIPPED_RESENDS} re-sends`)
    }
    pending = missing
  }
}

async function toMessages(ops: ProduceOp[], targets: Record<string, ReplayTarget>): Promise<Map<string, Message[]>> {
  const byTopic = new Map<string, Message[]>()
  for (const op of ops) {
    const target = targets[op.topic]
    if (!target) throw new Error(`plan names topic "${op.topic}" that the run did not create`)
    const messages = byTopic.get(target.name) ?? []
    messages.push({
      partition: op.partition,
      key: encodeKey(op.key, target.key),
      value: await target.encode(op.value, op.schema),
      headers: op.headers,
      timestamp: String(op.ts),
    })
    byTopic.set(target.name, messages)
  }
  return byTopic
}
