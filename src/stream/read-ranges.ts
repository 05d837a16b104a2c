import { randomBytes } from 'node:crypto'
import type { Kafka, KafkaMessage } from 'kafkajs'
import { EnvironmentError } from '../errors.ts'

/** Offsets [start, end) of one partition. */
export interface PartitionRange {
  partition: number
  start: number
  end: number
}

export interface ReadRangesOptions {
  /** the throw-away group is `<groupPrefix>.<random>` */
  groupPrefix: string
  /** called for each record inside its partition's range, in offset order per partition */
  onMessage: (partition: number, message: KafkaMessage) => Promise<void>
  /** stop early (e.g. `--max` reached) */
  done?: () => boolean
  /** fail when no batch arrives for this long (ms); default 30000 */
  idleTimeoutMs?: number
  onProgress?: (read: number, total: number) => void
  maxBytesPerPartition?: number
}

/**
 * Read exactly the given offset ranges of a topic, read-only, stopping when every partition reached its
 * end offset (not on a timer). KafkaJS cannot assign partitions without a group, so this joins a fresh
 * group with autoCommit off and seeks every partition before the first fetch: the group never holds an
 * offset (the broker drops it once empty), and topics are never auto-created. Reads read_committed.
 */
export async function readRanges(kafka: Kafka, topic: string, ranges: readonly PartitionRange[], opts: ReadRangesOptions): Promise<{ groupId: string }> {
  const groupId = `${opts.groupPrefix}.${randomBytes(6).toString('hex')}`
  const total = ranges.reduce((n, r) => n + r.end - r.start, 0)
  if (total === 0) return { groupId }
  const rangeOf = new Map(ranges.map((r) => [r.partition, r]))
  const position = new Map(ranges.map((r) => [r.partition, r.start]))
  let read = 0
  const finished = (): boolean => (opts.done?.() ?? false) || ranges.every((r) => (position.get(r.partition) ?? 0) >= r.end)

  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
    retry: { retries: 3 },
    ...(opts.maxBytesPerPartition !== undefined ? { maxBytesPerPartition: opts.maxBytesPerPartition } : {}),
  })
  const idleMs = opts.idleTimeoutMs ?? 30_000
  let timer: NodeJS.Timeout | undefined
  try {
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      const arm = (): void => {
        clearTimeout(timer)
        timer = setTimeout(() => reject(idleError(topic, ranges, position, idleMs)), idleMs)
      }
      arm()
      // positions move on every batch, also on batches of control records (transaction markers) only
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        if (payload.topic !== topic) return
        const next = Number(payload.lastOffset) + 1
        if (next > (position.get(payload.partition) ?? 0)) position.set(payload.partition, next)
        arm()
        opts.onProgress?.(read, total)
        if (finished()) resolve()
      })
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(new EnvironmentError(`reading ${topic} failed: ${payload.error.message}`, 'ST_READ', { cause: payload.error })))
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const range = rangeOf.get(batch.partition)
            if (!range) return
            for (const message of batch.messages) {
              const offset = Number(message.offset)
              if (offset < range.start || offset >= range.end || opts.done?.()) continue
              await opts.onMessage(batch.partition, message)
              read++
            }
          },
        })
        .catch(reject)
      // run() sets up its group synchronously and fetches only after joining: seeking now, before the
      // first fetch, means no batch from before the start is ever fetched (a later seek would discard
      // batches already in flight, yet still report them as processed)
      for (const r of ranges) consumer.seek({ topic, partition: r.partition, offset: String(r.start) })
    })
  } finally {
    clearTimeout(timer)
    await consumer.disconnect().catch(() => undefined)
  }
  return { groupId }
}

/** A record's headers as strings (the first value of a repeated header). */
export function messageHeaders(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue
    const first = Array.isArray(v) ? v[0] : v
    if (first !== undefined) headers[k] = first.toString()
  }
  return headers
}

function idleError(topic: string, ranges: readonly PartitionRange[], position: Map<number, number>, ms: number): EnvironmentError {
  const behind = ranges
    .filter((r) => (position.get(r.partition) ?? 0) < r.end)
    .map((r) => `partition ${r.partition} at offset ${position.get(r.partition)} of ${r.end}`)
  return new EnvironmentError(
    `reading ${topic}: no records for ${ms} ms while waiting to reach the end offsets (${behind.join(', ')}); ` +
      'an open transaction holds read_committed readers back until it ends',
    'ST_READ_TIMEOUT',
  )
}
