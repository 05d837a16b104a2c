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

/**
 * One batch, every partition acknowledged exactly once: one KafkaJS send per partition, all at once.
 *
 * Not one send for the whole batch: KafkaJS (2.2.4, src/producer/sendMessages.js) sends a multi-partition
 * batch as one request per leader, keeps the answers per broker object, and on a retry re-sends to every
 * broker without a stored answer. Around a leader failover that both skips and repeats partitions: a
 * partition whose leader moved to a broker that already answered is never sent (and the send resolves
 * without it), and a partition that a broker did acknowledge (its sequence advanced) can be sent again
 * under the next sequence numbers, which the broker's idempotence cannot recognise as a copy. Both were
 * seen on the 3-node cluster while a broker was killed: the input topic held 41 orders twice, at
 * consecutive sequences, and the exactly-once oracle reported the SUT's correct outputs of both copies as
 * `duplicated` (docs/faults-findings.md, "The duplicates were the harness's").
 *
 * With one partition per send there is one leader per request: a failed request rolls the partition's
 * sequence back and KafkaJS retries it at the new leader with the same sequence, so a copy the dead
 * leader did replicate is answered as a duplicate, not written twice; a successful one ends the send.
 * The producer is idempotent, so each partition keeps its order; partitions on one broker queue behind
 * KafkaJS's per-broker lock.
 */
async function sendBatch(producer: Producer, ops: ProduceOp[], targets: Record<string, ReplayTarget>): Promise<void> {
  await Promise.all([...(await toMessages(ops, targets)).values()].map(async ({ topic, partition, messages }) => {
    const answered = await producer.sendBatch({ topicMessages: [{ topic, messages }], acks: -1 })
    // never send again on a missing answer: the records may be written, and a re-send would copy them
    if (!answered.some((r) => r.topicName === topic && r.partition === partition)) {
      throw new Error(`the broker did not acknowledge ${topic}[${partition}] (${messages.length} records); not re-sent, since they may have been written`)
    }
  }))
}

/** The batch's messages per real topic and partition, in plan order within each. */
async function toMessages(ops: ProduceOp[], targets: Record<string, ReplayTarget>): Promise<Map<string, { topic: string; partition: number; messages: Message[] }>> {
  const byPartition = new Map<string, { topic: string; partition: number; messages: Message[] }>()
  for (const op of ops) {
    const target = targets[op.topic]
    if (!target) throw new Error(`plan names topic "${op.topic}" that the run did not create`)
    const key = `${target.name}\0${op.partition}`
    const group = byPartition.get(key) ?? { topic: target.name, partition: op.partition, messages: [] }
    group.messages.push({
      partition: op.partition,
      key: encodeKey(op.key, target.key),
      value: await target.encode(op.value, op.schema),
      headers: op.headers,
      timestamp: String(op.ts),
    })
    byPartition.set(key, group)
  }
  return byPartition
}
