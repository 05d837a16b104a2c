import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Admin, Kafka } from 'kafkajs'
import { expect } from 'vitest'
import { readTopic, tally, type TopicRecord } from '../../../fixtures/apps/tools/read-topic.mjs'
import { waitUntil } from '../../../src/wait-until.ts'

/** An input record of fixtures/streams/orders.jsonl with the `st-id` header the harness would add. */
export interface Order {
  id: string
  key: string
  value: Record<string, unknown>
  ts: number
}

export function orders(): Order[] {
  const file = resolve('fixtures/streams/orders.jsonl')
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const e = JSON.parse(l) as { key: string; value: Record<string, unknown>; ts: number }
      return { id: String(e.value.orderId), key: e.key, value: e.value, ts: e.ts }
    })
}

export async function produceOrders(kafka: Kafka, topic: string, events: Order[]): Promise<void> {
  const producer = kafka.producer()
  await producer.connect()
  try {
    await producer.send({
      topic,
      messages: events.map((e) => ({ key: e.key, value: JSON.stringify(e.value), headers: { 'st-id': e.id }, timestamp: String(e.ts) })),
    })
  } finally {
    await producer.disconnect()
  }
}

/** Wait until `groupId` committed every partition of `topic` up to its end offset. */
export async function waitCommittedToEnd(admin: Admin, groupId: string, topic: string, timeoutMs: number): Promise<void> {
  let seen = ''
  await waitUntil(
    async () => {
      const ends = await admin.fetchTopicOffsets(topic)
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
      const at = (p: number): bigint => BigInt(committed?.partitions.find((c) => c.partition === p)?.offset ?? -1)
      seen = ends.map((e) => `p${e.partition} ${at(e.partition)}/${e.high}`).join(', ')
      return ends.every((e) => at(e.partition) >= BigInt(e.high))
    },
    { intervalMs: 200, timeoutMs, onTimeout: () => new Error(`group ${groupId} did not commit ${topic} to its end within ${timeoutMs} ms (${seen})`) },
  )
}

/**
 * Read `out` read_committed and assert each input appears exactly once, as the enrich transform of its
 * input: same key, value = input value plus `"enriched": true` (the text JSON.stringify writes).
 * Reads until every id is there: a transaction's offsets can become visible a moment before the commit
 * markers on its output partitions (the coordinator writes them all in one go, but not atomically).
 */
export async function expectEnrichedOnce(brokers: string[], out: string, events: Order[]): Promise<void> {
  const ids = events.map((e) => e.id)
  let records: TopicRecord[] = []
  await waitUntil(
    async () => {
      records = await readTopic(brokers, out, { isolation: 'read_committed' })
      return tally(records, ids).lost.length === 0
    },
    { intervalMs: 200, timeoutMs: 20_000, onTimeout: () => new Error(`${out}: ${tally(records, ids).lost.length} of ${ids.length} ids still missing read_committed after 20000 ms`) },
  ).catch(() => undefined) // the tally below says what is missing
  expect(tally(records, ids)).toEqual({ total: events.length, lost: [], duplicated: {}, unexpected: [] })
  const byId = new Map(events.map((e) => [e.id, e]))
  for (const r of records) {
    const input = byId.get(r.stId!)!
    expect({ key: r.key, value: r.value }, `output of ${r.stId}`).toEqual({ key: input.key, value: JSON.stringify({ ...input.value, enriched: true }) })
  }
}
