import type { Producer, ProducerBatch, RecordMetadata } from 'kafkajs'
import { expect, test } from 'vitest'
import type { Plan, ProduceOp } from '../../../src/replay/plan.ts'
import { replayPlan, type ReplayTarget } from '../../../src/replay/replay-plan.ts'

// The replay's own logic around KafkaJS's sends, not Kafka: one send per partition (KafkaJS 2.2.4 skips and
// repeats partitions when it retries a multi-leader send, src/producer/sendMessages.js), and a send that
// resolves without an answer for its partition is an error, never a re-send (the records may be written).

const op = (seq: number, partition: number): ProduceOp => ({ kind: 'produce', seq, topic: 'orders', partition, key: null, value: { n: seq }, headers: { 'st-id': `e${seq}` }, ts: seq, id: `e${seq}`, copy: 0 })
const targets: Record<string, ReplayTarget> = { orders: { name: 'st.x.orders', key: 'string', encode: async (v) => Buffer.from(JSON.stringify(v)) } }

/** A producer that answers for every partition it was sent, except those `skip` leaves out of its next answers. */
function producer(skip: number[][]): { producer: Producer; sent: number[][] } {
  const sent: number[][] = []
  const sendBatch = async (b: ProducerBatch): Promise<RecordMetadata[]> => {
    const messages = b.topicMessages?.flatMap((t) => t.messages.map((m) => ({ topic: t.topic, partition: m.partition as number, n: JSON.parse(String(m.value)).n as number }))) ?? []
    sent.push(messages.map((m) => m.n))
    const leaveOut = skip.shift() ?? []
    const partitions = [...new Set(messages.map((m) => `${m.topic}:${m.partition}`))]
    return partitions
      .map((p) => ({ topicName: p.split(':')[0] as string, partition: Number(p.split(':')[1]), errorCode: 0 }))
      .filter((r) => !leaveOut.includes(r.partition))
  }
  return { producer: { sendBatch } as unknown as Producer, sent }
}

const plan: Plan = { seed: 1, ops: [op(0, 0), op(1, 1), op(2, 2), op(3, 0), op(4, 1)] }

test('each partition goes in its own send, in plan order within it, and each is sent once', async () => {
  const p = producer([])
  await replayPlan(plan, { producer: p.producer, targets })
  expect([...p.sent].sort((a, b) => a[0]! - b[0]!)).toEqual([[0, 3], [1, 4], [2]])
})

test('a partition missing from its answer stops the replay with the partition named, and is not sent again', async () => {
  const p = producer([[], [1]])
  await expect(replayPlan(plan, { producer: p.producer, targets })).rejects.toThrow('the broker did not acknowledge st.x.orders[1] (2 records); not re-sent')
  expect(p.sent.flat().sort()).toEqual([0, 1, 2, 3, 4])
})
