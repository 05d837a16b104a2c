import type { Admin } from 'kafkajs'
import { expect, test } from 'vitest'
import type { Plan, ProduceOp } from '../../../src/replay/plan.ts'
import { checkInputWritten } from '../../../src/runner/input-written.ts'

// The check's own arithmetic over the partitions' offsets, not Kafka (the cluster runs that showed a
// duplicated input are in docs/faults-findings.md).

const op = (seq: number, topic: string, partition: number): ProduceOp => ({ kind: 'produce', seq, topic, partition, key: null, value: {}, headers: {}, ts: seq, id: `e${seq}`, copy: 0 })
const plan: Plan = { seed: 1, ops: [op(0, 'orders', 0), op(1, 'orders', 1), op(2, 'orders', 1), op(3, 'loop', 0)] }
const topics = { orders: 'st.x.orders', loop: 'st.x.loop' }

/** An admin whose partitions hold `held[topic][partition]` records (low 0). */
function admin(held: Record<string, number[]>): Admin {
  return {
    fetchTopicOffsets: async (name: string) => (held[name] ?? []).map((n, partition) => ({ partition, offset: String(n), high: String(n), low: '0' })),
  } as unknown as Admin
}

test('input partitions that hold exactly what the plan produced pass', async () => {
  await expect(checkInputWritten(admin({ 'st.x.orders': [1, 2], 'st.x.loop': [1] }), plan, topics, new Set())).resolves.toBeUndefined()
})

test('a partition holding more or fewer records than planned is a harness error naming each', async () => {
  await expect(checkInputWritten(admin({ 'st.x.orders': [1, 4], 'st.x.loop': [0] }), plan, topics, new Set())).rejects.toThrow(
    'the replay did not write the input exactly once: orders[1] holds 4, the plan produced 2; loop[0] holds 0, the plan produced 1',
  )
})

test('an input topic the SUT also writes (an output) is not checked', async () => {
  await expect(checkInputWritten(admin({ 'st.x.orders': [1, 2], 'st.x.loop': [9] }), plan, topics, new Set(['loop']))).resolves.toBeUndefined()
})
