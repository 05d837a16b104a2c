import { randomBytes } from 'node:crypto'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Admin, Kafka, KafkaMessage } from 'kafkajs'
import { EnvironmentError, InputError } from '../errors.ts'
import { decodeValue } from '../replay/codec.ts'
import type { ValueFormat } from '../replay/topic-format.ts'
import type { StreamEvent } from './event.ts'

/** The offsets one partition is read over: `[start, end)`. */
export interface PartitionRange {
  partition: number
  start: number
  end: number
}

export interface TopicRangeOptions {
  /** start at the first record whose timestamp is >= from (ms); default: the partition's first offset */
  from?: number
  /** stop before the first record whose timestamp is > to (ms); default: the end offsets right now */
  to?: number
}

/**
 * The offsets to read, snapshotted now: per partition from the low watermark (or the first offset at
 * or after `from`) to the high watermark (or the first offset after `to`). Timestamps select offsets the
 * way Kafka's offsetsForTimes does (like kcat's `-o s@` / `-o e@`): records inside the range keep their
 * order even when their timestamps are out of order. Reads metadata only; creates nothing.
 */
export async function topicRange(admin: Admin, topic: string, opts: TopicRangeOptions = {}): Promise<PartitionRange[]> {
  const topics = await admin.listTopics()
  if (!topics.includes(topic)) throw new InputError(`topic ${topic} does not exist`, { expected: 'an existing topic', found: `${topics.length} other topics` })
  const offsets = await admin.fetchTopicOffsets(topic)
  const fromTs = opts.from === undefined ? undefined : await offsetsAt(admin, topic, opts.from)
  const toTs = opts.to === undefined ? undefined : await offsetsAt(admin, topic, opts.to + 1)
  return offsets
    .map(({ partition, low, high }) => {
      const start = Math.max(Number(low), fromTs?.get(partition) ?? 0)
      const end = Math.min(Number(high), toTs?.get(partition) ?? Number.POSITIVE_INFINITY)
      return { partition, start, end: Math.max(start, end) }
    })
    .sort((a, b) => a.partition - b.partition)
}

async function offsetsAt(admin: Admin, topic: string, ts: number): Promise<Map<number, number>> {
  const found = await admin.fetchTopicOffsetsByTimestamp(topic, ts)
  return new Map(found.map((p) => [p.partition, Number(p.offset)]))
}

export interface RecordTopicOptions extends TopicRangeOptions {
  /** stop after this many records */
  max?: number
  /** decodes registry-encoded values (Confluent wire format) to JSON */
  registry?: SchemaRegistry
  /** the topic's value format when known; unknown values are guessed (registry, JSON, text, base64) */
  valueFormat?: ValueFormat
  /** called once with the snapshotted ranges, before the first record is read */
  onRange?: (ranges: PartitionRange[]) => void | Promise<void>
  /** called after each batch: records kept so far, and the most the ranges can hold */
  onProgress?: (read: number, total: number) => void
  /** fail when no batch arrives for this long (ms); default 30000 */
  idleTimeoutMs?: number
}

export interface RecordedTopic {
  /** per partition in offset order; across partitions merged by timestamp (ties: lower partition first) */
  events: StreamEvent[]
  ranges: PartitionRange[]
  /** the throw-away consumer group used for reading; it never commits an offset */
  groupId: string
}

/**
 * Read a topic read-only over the ranges snapshotted at the start (see topicRange) and return its records
 * as fixture events: key (UTF-8), value (decoded), headers, ts (the record timestamp), partition.
 * Reading stops when every partition reached its snapshotted end offset, or after `max` records; records
 * produced later are not read. Holds the events in memory (a fixture is written from them).
 *
 * KafkaJS cannot assign partitions without a group, so this uses a consumer group with a random id and
 * autoCommit off: the broker briefly has a group entry (removed once it is empty, as it holds no
 * offsets), but no offset is ever committed. Topics are never auto-created. Reads read_committed.
 */
export async function recordTopic(kafka: Kafka, topic: string, opts: RecordTopicOptions = {}): Promise<RecordedTopic> {
  const admin = kafka.admin()
  try {
    await admin.connect()
  } catch (err) {
    throw new EnvironmentError(`recording ${topic}: cannot reach Kafka: ${(err as Error).message}`, 'ST_CONNECT', { cause: err })
  }
  let ranges: PartitionRange[]
  try {
    ranges = await topicRange(admin, topic, opts)
  } finally {
    await admin.disconnect()
  }
  await opts.onRange?.(ranges)
  const groupId = `stream-test.record.${randomBytes(6).toString('hex')}`
  const total = ranges.reduce((n, r) => n + r.end - r.start, 0)
  const max = opts.max ?? Number.POSITIVE_INFINITY
  const perPartition = new Map(ranges.map((r) => [r.partition, [] as StreamEvent[]]))
  if (total === 0 || max <= 0) return { events: [], ranges, groupId }

  const position = new Map(ranges.map((r) => [r.partition, r.start]))
  const rangeOf = new Map(ranges.map((r) => [r.partition, r]))
  let kept = 0
  const finished = (): boolean => kept >= max || ranges.every((r) => (position.get(r.partition) ?? 0) >= r.end)

  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100, retry: { retries: 3 } })
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
        opts.onProgress?.(kept, total)
        if (finished()) resolve()
      })
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(new EnvironmentError(`reading ${topic} failed: ${payload.error.message}`, 'ST_RECORD', { cause: payload.error })))
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const offset = Number(message.offset)
            const range = rangeOf.get(partition)
            if (kept >= max || !range || offset >= range.end || offset < range.start) return
            perPartition.get(partition)?.push(await toEvent(message, partition, opts))
            kept++
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
  return { events: mergeByTs(ranges.map((r) => perPartition.get(r.partition) ?? [])), ranges, groupId }
}

async function toEvent(message: KafkaMessage, partition: number, opts: RecordTopicOptions): Promise<StreamEvent> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(message.headers ?? {})) {
    if (v === undefined) continue
    const first = Array.isArray(v) ? v[0] : v
    if (first !== undefined) headers[k] = first.toString()
  }
  return {
    key: message.key?.toString('utf8') ?? null,
    value: await decodeValue(message.value, opts.registry, opts.valueFormat),
    headers,
    ts: Number(message.timestamp),
    partition,
  }
}

/** K-way merge that keeps each partition's order: the smallest head timestamp first, ties to the lower partition. */
function mergeByTs(lists: StreamEvent[][]): StreamEvent[] {
  const heads = lists.map(() => 0)
  const total = lists.reduce((n, l) => n + l.length, 0)
  const out: StreamEvent[] = []
  while (out.length < total) {
    let best = -1
    for (let k = 0; k < lists.length; k++) {
      const head = lists[k]![heads[k]!]
      if (head !== undefined && (best === -1 || head.ts < lists[best]![heads[best]!]!.ts)) best = k
    }
    out.push(lists[best]![heads[best]!++]!)
  }
  return out
}

function idleError(topic: string, ranges: PartitionRange[], position: Map<number, number>, ms: number): EnvironmentError {
  const behind = ranges
    .filter((r) => (position.get(r.partition) ?? 0) < r.end)
    .map((r) => `partition ${r.partition} at offset ${position.get(r.partition)} of ${r.end}`)
  return new EnvironmentError(
    `recording ${topic}: no records for ${ms} ms while waiting to reach the end offsets (${behind.join(', ')}); ` +
      'an open transaction holds read_committed readers back until it ends',
    'ST_RECORD_TIMEOUT',
  )
}
