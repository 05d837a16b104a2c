import type { Admin } from 'kafkajs'
import { EnvironmentError } from '../errors.ts'
import type { Plan } from '../replay/plan.ts'

/**
 * After the replay: each input partition holds exactly the records the plan produced to it. The harness is
 * the only writer of an input topic, so a partition with more records means the replay wrote some twice (a
 * producer retry across a leader failover did, before sends went one partition at a time), and one with
 * fewer means it lost some: either way the oracles would judge the SUT on a stream nobody planned, and a
 * `duplicated` or `lost` would be the harness's. Input topics the SUT also writes (named as outputs) are
 * not checked.
 */
export async function checkInputWritten(admin: Admin, plan: Plan, topics: Record<string, string>, outputs: ReadonlySet<string>): Promise<void> {
  const planned = new Map<string, Map<number, number>>()
  for (const op of plan.ops) {
    if (op.kind !== 'produce' || outputs.has(op.topic)) continue
    const perPartition = planned.get(op.topic) ?? new Map<number, number>()
    perPartition.set(op.partition, (perPartition.get(op.partition) ?? 0) + 1)
    planned.set(op.topic, perPartition)
  }
  const wrong: string[] = []
  for (const [topic, perPartition] of planned) {
    const name = topics[topic] as string
    for (const { partition, high, low } of await admin.fetchTopicOffsets(name)) {
      const want = perPartition.get(partition) ?? 0
      const held = Number(high) - Number(low)
      if (held !== want) wrong.push(`${topic}[${partition}] holds ${held}, the plan produced ${want}`)
    }
  }
  if (wrong.length > 0) {
    throw new EnvironmentError(`the replay did not write the input exactly once: ${wrong.join('; ')}. A harness fault, not the SUT's: the verdict would judge a stream nobody planned`, 'ST_INPUT_WRITTEN')
  }
}
