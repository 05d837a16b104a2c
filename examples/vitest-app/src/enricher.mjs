// The service under test: reads orders, adds the customer's tier, writes enriched orders.
//   ENRICHER_MODE=transactional (default): output and input offsets commit in one Kafka transaction (exactly once).
//   ENRICHER_MODE=at-least-once: produce, then commit offsets every COMMIT_INTERVAL_MS (duplicates after a crash).
// Topics and group come from the environment stream-test sets: ST_TOPIC_ORDERS, ST_TOPIC_ENRICHED,
// ST_GROUP_ID, KAFKA_BROKERS. Prints "ready" once its consumer joined the group.
import { Kafka, logLevel } from 'kafkajs'

const TIERS = { alice: 'gold', bob: 'silver' }
const env = process.env
const mode = env.ENRICHER_MODE ?? 'transactional'
if (mode !== 'transactional' && mode !== 'at-least-once') {
  console.error(`enricher: ENRICHER_MODE must be transactional or at-least-once, not ${mode}`)
  process.exit(2)
}
const group = env.ST_GROUP_ID
const [input, output] = [env.ST_TOPIC_ORDERS, env.ST_TOPIC_ENRICHED]
const kafka = new Kafka({ clientId: `enricher-${mode}`, brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING })
const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 })
const producer =
  mode === 'transactional'
    ? kafka.producer({ transactionalId: `${group}.tx`, idempotent: true, maxInFlightRequests: 1 })
    : kafka.producer()

const enrich = (m) => {
  const order = JSON.parse(m.value.toString())
  return { key: m.key, value: JSON.stringify({ ...order, tier: TIERS[order.customer] ?? 'standard' }), headers: m.headers }
}
const next = (offset) => String(BigInt(offset) + 1n)

let pending = new Map() // at-least-once: partition -> offset to commit
const commitEvery = Number(env.COMMIT_INTERVAL_MS ?? 1000)
const timer =
  mode === 'at-least-once'
    ? setInterval(() => {
        const partitions = [...pending].map(([partition, offset]) => ({ partition, offset }))
        pending = new Map()
        if (partitions.length > 0) void consumer.commitOffsets(partitions.map((p) => ({ topic: input, ...p })))
      }, commitEvery)
    : undefined

console.log(`enricher (${mode}): ${input} -> ${output}, group ${group}`)
await Promise.all([consumer.connect(), producer.connect()])
consumer.on(consumer.events.GROUP_JOIN, () => console.log('ready'))
await consumer.subscribe({ topic: input, fromBeginning: true })
await consumer.run({
  autoCommit: false,
  eachBatch: async ({ batch, isRunning, isStale }) => {
    if (batch.messages.length === 0 || !isRunning() || isStale()) return
    const messages = batch.messages.map(enrich)
    const offset = next(batch.lastOffset())
    if (mode === 'transactional') {
      const tx = await producer.transaction()
      try {
        await tx.send({ topic: output, messages })
        await tx.sendOffsets({ consumerGroupId: group, topics: [{ topic: input, partitions: [{ partition: batch.partition, offset }] }] })
        await tx.commit()
      } catch (err) {
        await tx.abort()
        throw err
      }
    } else {
      await producer.send({ topic: output, messages })
      pending.set(batch.partition, offset)
    }
  },
})

process.on('SIGTERM', async () => {
  clearInterval(timer)
  await consumer.disconnect()
  await producer.disconnect()
  process.exit(0)
})
