import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Admin, Kafka, KafkaMessage } from 'kafkajs'
import { EnvironmentError, InputError } from '../errors.ts'
import { decodeValue } from '../kafka/index.ts'
import type { ValueFormat } from '../kafka/index.ts'
import type { StreamEvent } from './event.ts'
import { messageHeaders, readRanges, type PartitionRange } from './read-ranges.ts'
import { mergeEventsByTs } from './merge-by-time.ts'

/** The offsets one partition is read over: `[start, end)`. */
export type { PartitionRange } from './read-ranges.ts'

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
  /** the registry schema id in the wire format of each event whose value was decoded through the registry */
  schemaIds: ReadonlyMap<StreamEvent, number>
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
  const max = opts.max ?? Number.POSITIVE_INFINITY
  if (max <= 0) return { events: [], ranges, groupId: '', schemaIds: new Map() }
  const perPartition = new Map(ranges.map((r) => [r.partition, [] as StreamEvent[]]))
  let kept = 0
  const schemaIds = new Map<StreamEvent, number>()
  const { groupId } = await readRanges(kafka, topic, ranges, {
    groupPrefix: 'stream-test.record',
    done: () => kept >= max,
    onMessage: async (partition, message) => {
      const event = await toEvent(message, partition, opts)
      const id = registrySchemaId(message.value, opts)
      if (id !== undefined) schemaIds.set(event, id)
      perPartition.get(partition)?.push(event)
      kept++
    },
    ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  })
  return { events: mergeEventsByTs(ranges.map((r) => perPartition.get(r.partition) ?? [])), ranges, groupId, schemaIds }
}

const REGISTRY_FORMATS: ReadonlySet<ValueFormat | undefined> = new Set([undefined, 'avro', 'json-schema', 'protobuf'])

/** The schema id of a value in Confluent's wire format (magic byte 0, 4-byte id), when a registry decodes it. */
function registrySchemaId(value: Buffer | null, opts: RecordTopicOptions): number | undefined {
  if (!opts.registry || !value || value.length <= 5 || value[0] !== 0 || !REGISTRY_FORMATS.has(opts.valueFormat)) return undefined
  return value.readInt32BE(1)
}

async function toEvent(message: KafkaMessage, partition: number, opts: RecordTopicOptions): Promise<StreamEvent> {
  return {
    key: message.key?.toString('utf8') ?? null,
    value: await decodeValue(message.value, opts.registry, opts.valueFormat),
    headers: messageHeaders(message),
    ts: Number(message.timestamp),
    partition,
  }
}
