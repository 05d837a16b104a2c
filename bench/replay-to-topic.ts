import { randomUUID } from 'node:crypto'
import type { Kafka } from 'kafkajs'
import { valueEncoder } from '../src/kafka/codec.ts'
import { buildPlan } from '../src/replay/build-plan.ts'
import { replayOps, replayPlan, type ReplayPlanOptions } from '../src/replay/replay-plan.ts'
import { streamOps } from '../src/replay/stream-ops.ts'
import { readFixture } from '../src/stream/index.ts'
import type { StreamEvent } from '../src/stream/event.ts'

export async function freshTopic(kafka: Kafka, prefix: string, partitions = 1): Promise<string> {
  const topic = `bench.${prefix}.${randomUUID()}`
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true })
  } finally {
    await admin.disconnect()
  }
  return topic
}

export async function deleteTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    await admin.deleteTopics({ topics: [topic] })
  } finally {
    await admin.disconnect()
  }
}

/**
 * Replay `events` to `topic` the way a run does: buildPlan (no perturbations), then replayPlan at max
 * pace with an idempotent producer, one request in flight (as src/runner/execute-run.ts does).
 * Times plan and replay separately; the producer's connect is outside both.
 */
export async function replayToTopic(kafka: Kafka, topic: string, events: readonly StreamEvent[], partitions = 1): Promise<{ planMs: number; replayMs: number; produced: number }> {
  return withTarget(kafka, topic, partitions, async (target) => {
    const t0 = performance.now()
    const plan = buildPlan([{ topic: 'in', partitions, events }], [], 1)
    const t1 = performance.now()
    const stats = await replayPlan(plan, target)
    const t2 = performance.now()
    return { planMs: t1 - t0, replayMs: t2 - t1, produced: stats.produced }
  })
}

/**
 * Replay a fixture file to `topic` the way `stream-test replay` does without perturbations: the file is
 * streamed (readFixture), turned into ops one at a time (streamOps) and produced in batches (replayOps).
 */
export async function streamFixtureToTopic(kafka: Kafka, topic: string, file: string, partitions = 1): Promise<{ replayMs: number; produced: number }> {
  return withTarget(kafka, topic, partitions, async (target) => {
    const t0 = performance.now()
    const stats = await replayOps(streamOps(readFixture(file), { topic: 'in', partitions }), target)
    return { replayMs: performance.now() - t0, produced: stats.produced }
  })
}

/** An idempotent producer (one request in flight, as a run uses it) and the logical topic `in` mapped to `topic` with JSON values. */
async function withTarget<R>(
  kafka: Kafka,
  topic: string,
  partitions: number,
  fn: (target: ReplayPlanOptions) => Promise<R>,
): Promise<R> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    const encode = await valueEncoder(topic, { partitions, key: 'string', value: 'json' }, () => {
      throw new Error('json values need no registry')
    })
    return await fn({ producer, targets: { in: { name: topic, key: 'string', encode } } })
  } finally {
    await producer.disconnect()
  }
}
