import { expect, test } from 'vitest'
import { startCollector } from '../../../src/collect/index.ts'
import type { CollectedRecord } from '../../../src/collect/record.ts'
import { createRunTopics, deleteRunTopics, newRunId } from '../../../src/kafka/run-namespace.ts'
import { waitUntil } from '../../../src/wait-until.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

const { kafka, admin } = useSharedKafka('collector-rejoin-test')

const ids = (rs: CollectedRecord[]): string[] => rs.map((r) => r.headers['st-id'] as string).sort()

/**
 * The collector's groups commit nothing, so after a rebalance KafkaJS starts each partition again from
 * the beginning. A record read twice is still one record (one partition and offset): counting it twice
 * made a correct transactional SUT look like it had `duplicated` its outputs.
 */
test('a rebalance of the collector groups re-reads from the start, but each record is kept once', async () => {
  const prefix = `it.collect.${newRunId()}`
  const topic = `${prefix}.out`
  await createRunTopics(admin, [{ name: topic, partitions: 2 }])
  const producer = kafka.producer()
  await producer.connect()
  const send = (from: number, to: number) =>
    producer.send({
      topic,
      messages: Array.from({ length: to - from }, (_, i) => ({ partition: (from + i) % 2, value: `v${from + i}`, headers: { 'st-id': `e-${String(from + i).padStart(2, '0')}` } })),
    })
  const collector = await startCollector(kafka, prefix, [{ topic: 'out', name: topic }])
  try {
    await send(0, 6)
    const both = (n: number) => () => {
      const [t] = collector.snapshot()
      return (t?.committed.length ?? 0) >= n && (t?.uncommitted.length ?? 0) >= n
    }
    await waitUntil(both(6), { intervalMs: 20, timeoutMs: 30_000, onTimeout: () => new Error('the collector did not read the first 6 records within 30 s') })

    // another member joins each collector group and leaves again: two rebalances, then the collector
    // owns both partitions again with no committed offsets, so it reads them from offset 0 again
    for (const level of ['committed', 'uncommitted']) {
      const intruder = kafka.consumer({ groupId: `${prefix}.collect-${level}`, sessionTimeout: 10_000, heartbeatInterval: 500 })
      const joined = new Promise<void>((resolve) => intruder.on(intruder.events.GROUP_JOIN, () => resolve()))
      await intruder.connect()
      await intruder.subscribe({ topic, fromBeginning: true })
      await intruder.run({ eachMessage: async () => undefined, autoCommit: false })
      await joined
      await intruder.disconnect()
    }
    // one more record per partition: once both are in, each partition was read past its old records again
    await send(6, 8)
    await waitUntil(both(8), { intervalMs: 20, timeoutMs: 60_000, onTimeout: () => new Error('the collector did not read records 7 and 8 within 60 s') })

    const expected = Array.from({ length: 8 }, (_, i) => `e-${String(i).padStart(2, '0')}`)
    const [t] = await collector.stop()
    expect(ids(t?.committed ?? [])).toEqual(expected)
    expect(ids(t?.uncommitted ?? [])).toEqual(expected)
    expect(collector.uncommittedCount()).toBe(8)
  } finally {
    await collector.stop()
    await producer.disconnect()
    await deleteRunTopics(admin, [topic])
  }
}, 120_000)
