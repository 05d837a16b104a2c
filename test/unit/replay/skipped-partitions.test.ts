import type { Producer, ProducerBatch, RecordMetadata } from 'kafkajs'
import { expect, test } from 'vitest'
import type { Plan, ProduceOp } from '../../../src/replay/plan.ts'
import { replayPlan, type ReplayTarget } from '../../../src/replay/replay-plan.ts'

// The replay's own logic around KafkaJS's answer, not Kafka: a send that resolves without an answer for a
// partition (KafkaJS 2.2.4 after a leader change, src/producer/sendMessages.js) is not taken as written.

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

test('a partition missing from the answer is sent again, in order, and only it', async () => {
  const p = producer([[0]])
  await replayPlan(plan, { producer: p.producer, targets })
  expect(p.sent).toEqual([[0, 1, 2, 3, 4], [0, 3]])
})

test('a partition never answered stops the replay with the partition named', async () => {
  const p = producer(Array.from({ length: 10 }, () => [1]))
  await expect(replayPlan(plan, { producer: p.producer, targets })).rejects.toThrow('the broker never acknowledged st.x.orders[1] after 5 re-sends')
})
