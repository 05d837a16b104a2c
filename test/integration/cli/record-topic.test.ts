import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import { recordTopic } from '../../../src/stream/record-topic.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

const { kafka, admin } = useSharedKafka('record-topic-test')


async function topic(partitions: number): Promise<string> {
  const name = `it.rec.${randomUUID().slice(0, 8)}`
  await createRunTopics(admin, [{ name, partitions }])
  return name
}

async function produce(t: string, values: string[], partitions: number): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  await producer.send({ topic: t, messages: values.map((v, i) => ({ partition: i % partitions, value: v, timestamp: String(1_000 + i) })) })
  await producer.disconnect()
}

test('recording is read-only: no topic created, no offset committed', async () => {
  const t = await topic(2)
  await produce(t, ['a', 'b', 'c', 'd'], 2)
  const before = (await admin.listTopics()).filter((n) => !n.startsWith('__')).sort()
  const got = await recordTopic(kafka, t)
  expect(got.events.map((e) => [e.partition, e.value])).toEqual([[0, 'a'], [1, 'b'], [0, 'c'], [1, 'd']])
  expect((await admin.listTopics()).filter((n) => !n.startsWith('__')).sort()).toEqual(before)
  const committed = await admin.fetchOffsets({ groupId: got.groupId, topics: [t] })
  expect(committed[0]?.partitions.map((p) => p.offset)).toEqual(['-1', '-1'])
})

test('stops at the end offsets snapshotted at the start: later records are not read', async () => {
  const t = await topic(2)
  await produce(t, ['a', 'b', 'c'], 2)
  const got = await recordTopic(kafka, t, { onRange: () => produce(t, ['late-1', 'late-2', 'late-3', 'late-4'], 2) })
  expect(got.ranges).toEqual([{ partition: 0, start: 0, end: 2 }, { partition: 1, start: 0, end: 1 }])
  expect(got.events.map((e) => e.value)).toEqual(['a', 'b', 'c'])
  const now = await admin.fetchTopicOffsets(t)
  expect(now.reduce((n, p) => n + Number(p.high), 0)).toBe(7)
})

test('an empty topic gives no events without waiting; a missing topic is an input error', async () => {
  const t = await topic(3)
  const got = await recordTopic(kafka, t)
  expect(got.events).toEqual([])
  await expect(recordTopic(kafka, `${t}.missing`)).rejects.toMatchObject({ code: 'ST_INPUT', message: expect.stringContaining('does not exist') })
  expect(await admin.listTopics()).not.toContain(`${t}.missing`)
})

test('transactions: committed records only, and a partition ending in a commit marker still completes', async () => {
  const t = await topic(1)
  const producer = kafka.producer({ transactionalId: `it-rec-${randomUUID()}`, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer.connect()
  for (const [value, commit] of [['one', true], ['aborted', false], ['two', true]] as const) {
    const tx = await producer.transaction()
    await tx.send({ topic: t, messages: [{ value, timestamp: '5' }] })
    await (commit ? tx.commit() : tx.abort())
  }
  await producer.disconnect()
  const got = await recordTopic(kafka, t, { idleTimeoutMs: 10_000 })
  // offsets: one, marker, aborted, marker, two, marker: the range ends after the last marker
  expect(got.ranges).toEqual([{ partition: 0, start: 0, end: 6 }])
  expect(got.events.map((e) => e.value)).toEqual(['one', 'two'])
})
