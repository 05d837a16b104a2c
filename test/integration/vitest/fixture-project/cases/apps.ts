import type { SutRunContext } from 'stream-test'
import { kafkaFor } from 'stream-test'

/**
 * An in-process passthrough (in -> out, headers kept). With `duplicateEvery`, every n-th record is
 * written twice: an at-least-once bug the exactly-once matcher must catch.
 */
export function passthrough(options: { duplicateEvery?: number } = {}) {
  return async (ctx: SutRunContext): Promise<() => Promise<void>> => {
    const kafka = kafkaFor({ kind: 'external', brokers: ctx.brokers.split(','), registryUrl: ctx.registry }, 'case-passthrough')
    const producer = kafka.producer()
    const consumer = kafka.consumer({ groupId: ctx.group, maxWaitTimeInMs: 50 })
    await Promise.all([producer.connect(), consumer.connect()])
    await consumer.subscribe({ topic: ctx.topics.in as string, fromBeginning: true })
    let n = 0
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const messages = batch.messages.flatMap((m) => {
          const copy = { key: m.key, value: m.value, headers: m.headers ?? {} }
          n++
          return options.duplicateEvery !== undefined && n % options.duplicateEvery === 0 ? [copy, copy] : [copy]
        })
        if (messages.length > 0) await producer.send({ topic: ctx.topics.out as string, messages })
      },
    })
    return async () => {
      await consumer.disconnect()
      await producer.disconnect()
    }
  }
}
