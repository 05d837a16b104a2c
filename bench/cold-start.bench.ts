import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { kafkaFor, type Environment } from '../src/env/index.ts'
import { ensureKafkaJars, startLocalEnvironment } from '../src/env/local/index.ts'
import { within, type Benchmark } from './benchmark.ts'
import { freshTopic } from './replay-to-topic.ts'

/**
 * Cold start: a fresh local broker + embedded registry from cached jars until ready (admin sees the
 * broker, group and transaction coordinators warmed). Warm facts, on that broker: a fresh consumer group
 * (maxWaitTimeInMs 100) from connect to GROUP_JOIN, and to its first record.
 */
export const coldStart: Benchmark = {
  id: 'env',
  title: 'local environment',
  metrics: [
    { key: 'ready', name: 'cold start to ready (jars cached)', unit: 's', target: { op: '<=', value: 5 } },
    { key: 'join', name: 'fresh group: connect to GROUP_JOIN', unit: 's' },
    { key: 'first', name: 'fresh group: connect to first record', unit: 's', target: { op: '<=', value: 1 } },
  ],
  async start(ctx) {
    const jars = await ensureKafkaJars()
    if (!existsSync(join(jars.dir, 'kafka.jsa')) && process.env.ST_NO_CDS !== '1') {
      ctx.progress('env: first boot of this version records the AppCDS archive (not measured)')
      await (await startLocalEnvironment()).stop()
    }
    return {
      async repeat() {
        const t0 = performance.now()
        const env = await startLocalEnvironment()
        const ready = (performance.now() - t0) / 1000
        try {
          return { ready, ...(await firstRecord(env)) }
        } finally {
          await env.stop()
        }
      },
    }
  },
}

async function firstRecord(env: Environment): Promise<{ join: number; first: number }> {
  const kafka = kafkaFor(env.connection, 'bench-first-record')
  const topic = await freshTopic(kafka, 'first')
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic, messages: [{ key: 'k', value: 'first' }] })
  await producer.disconnect()
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 })
  let joined = Number.NaN
  const t0 = performance.now()
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (Number.isNaN(joined)) joined = performance.now()
  })
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const first = await within(
      30_000,
      `fresh group on ${topic}: first record`,
      new Promise<number>((resolve) => {
        void consumer.run({ eachMessage: async () => resolve(performance.now()) })
      }),
    )
    return { join: (joined - t0) / 1000, first: (first - t0) / 1000 }
  } finally {
    await consumer.disconnect()
  }
}
