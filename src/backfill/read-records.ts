import { randomBytes } from 'node:crypto'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Kafka, KafkaMessage } from 'kafkajs'
import type { CollectedRecord } from '../collect/record.ts'
import { EnvironmentError } from '../errors.ts'
import { decodeValue } from '../replay/codec.ts'
import type { ValueFormat } from '../replay/topic-format.ts'
import type { PartitionRange } from '../stream/record-topic.ts'

export interface ReadRecordsOptions {
  /** the value format when known; otherwise guessed (registry wire format, JSON, text, base64) */
  valueFormat?: ValueFormat
  registry?: SchemaRegistry
  /** the logical topic name written into each record (default: the real name) */
  as?: string
  /** fail when no batch arrives for this long (ms); default 30000 */
  idleTimeoutMs?: number
  onProgress?: (read: number, total: number) => void
}

export interface ReadRecords {
  /** per partition in offset order, partitions in ascending order */
  records: CollectedRecord[]
  /** the throw-away group used to read; it never commits an offset */
  groupId: string
}

/**
 * Read exactly the given offset ranges of a topic, read-only, with offsets (for last-value-per-key).
 * The only way KafkaJS reads without a group is not public, so this joins a fresh group
 * (`stream-test.backfill.<random>`) with autoCommit off and seeks every partition before the first
 * fetch: the group never holds an offset, and an empty group without offsets is dropped by the broker.
 * Never creates topics (allowAutoTopicCreation off). Reads read_committed.
 */
export async function readRecords(kafka: Kafka, topic: string, ranges: readonly PartitionRange[], opts: ReadRecordsOptions = {}): Promise<ReadRecords> {
  const groupId = `stream-test.backfill.${randomBytes(6).toString('hex')}`
  const total = ranges.reduce((n, r) => n + r.end - r.start, 0)
  const perPartition = new Map(ranges.map((r) => [r.partition, [] as CollectedRecord[]]))
  const collect = (): CollectedRecord[] => [...ranges].sort((a, b) => a.partition - b.partition).flatMap((r) => perPartition.get(r.partition) ?? [])
  if (total === 0) return { records: [], groupId }
  const rangeOf = new Map(ranges.map((r) => [r.partition, r]))
  const position = new Map(ranges.map((r) => [r.partition, r.start]))
  const finished = (): boolean => ranges.every((r) => (position.get(r.partition) ?? 0) >= r.end)
  let read = 0

  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100, maxBytesPerPartition: 4 * 1024 * 1024, retry: { retries: 3 } })
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
            const out = perPartition.get(batch.partition)
            if (!range || !out) return
            for (const message of batch.messages) {
              const offset = Number(message.offset)
              if (offset < range.start || offset >= range.end) continue
              out.push(await toRecord(message, opts.as ?? topic, batch.partition, opts))
              read++
            }
          },
        })
        .catch(reject)
      // run() joins and fetches later: seeking now means nothing before the start is ever fetched
      for (const r of ranges) consumer.seek({ topic, partition: r.partition, offset: String(r.start) })
    })
  } finally {
    clearTimeout(timer)
    await consumer.disconnect().catch(() => undefined)
  }
  return { records: collect(), groupId }
}

async function toRecord(message: KafkaMessage, topic: string, partition: number, opts: ReadRecordsOptions): Promise<CollectedRecord> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue
    const first = Array.isArray(v) ? v[0] : v
    if (first !== undefined) headers[k] = first.toString()
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: await decodeValue(message.value, opts.registry, opts.valueFormat),
    headers,
    ts: Number(message.timestamp),
  }
}

function idleError(topic: string, ranges: readonly PartitionRange[], position: Map<number, number>, ms: number): EnvironmentError {
  const behind = ranges.filter((r) => (position.get(r.partition) ?? 0) < r.end).map((r) => `partition ${r.partition} at offset ${position.get(r.partition)} of ${r.end}`)
  return new EnvironmentError(
    `reading ${topic}: no records for ${ms} ms while waiting to reach the end offsets (${behind.join(', ')}); ` +
      'an open transaction holds read_committed readers back until it ends',
    'ST_READ_TIMEOUT',
  )
}
