import type { Kafka } from 'kafkajs'

export interface Consumed {
  partition: number
  offset: string
  key: string | null
  value: string | null
  /** the value as sent, for binary formats (the registry's wire format) */
  bytes: Buffer | null
  headers: Record<string, string>
  timestamp: string
}

/** Read `n` records of `topic` with a fresh consumer group; rejects with what it saw if `timeoutMs` passes. */
export async function consumeN(
  kafka: Kafka,
  topic: string,
  n: number,
  opts: { groupId: string; readUncommitted?: boolean; timeoutMs?: number },
): Promise<Consumed[]> {
  const consumer = kafka.consumer({ groupId: opts.groupId, readUncommitted: opts.readUncommitted ?? false, maxWaitTimeInMs: 100 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const got: Consumed[] = []
  const timeoutMs = opts.timeoutMs ?? 20_000
  let timer: NodeJS.Timeout | undefined
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`consumeN(${topic}): ${got.length} of ${n} records after ${timeoutMs} ms`)), timeoutMs)
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {}
          for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v)
          got.push({ partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, bytes: message.value, headers, timestamp: message.timestamp })
          if (got.length >= n) resolve()
        },
      })
    })
  } finally {
    clearTimeout(timer)
    await consumer.disconnect()
  }
  return got
}
