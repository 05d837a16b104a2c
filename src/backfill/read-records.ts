import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Kafka, KafkaMessage } from 'kafkajs'
import type { CollectedRecord } from '../collect/record.ts'
import { decodeValue } from '../kafka/index.ts'
import type { ValueFormat } from '../kafka/index.ts'
import { messageHeaders, readRanges, type PartitionRange } from '../stream/read-ranges.ts'

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
  const perPartition = new Map(ranges.map((r) => [r.partition, [] as CollectedRecord[]]))
  const { groupId } = await readRanges(kafka, topic, ranges, {
    groupPrefix: 'stream-test.backfill',
    maxBytesPerPartition: 4 * 1024 * 1024,
    onMessage: async (partition, message) => {
      perPartition.get(partition)?.push(await toRecord(message, opts.as ?? topic, partition, opts))
    },
    ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  })
  const records = [...ranges].sort((a, b) => a.partition - b.partition).flatMap((r) => perPartition.get(r.partition) ?? [])
  return { records, groupId }
}

async function toRecord(message: KafkaMessage, topic: string, partition: number, opts: ReadRecordsOptions): Promise<CollectedRecord> {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: await decodeValue(message.value, opts.registry, opts.valueFormat),
    headers: messageHeaders(message),
    ts: Number(message.timestamp),
  }
}
