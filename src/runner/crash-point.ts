import { setTimeout as pause } from 'node:timers/promises'
import type { Admin } from 'kafkajs'
import type { Collector } from '../collect/index.ts'
import type { CollectedRecord } from '../collect/record.ts'

export interface CrashTarget {
  admin: Admin
  collector: Collector
  groupId: string
  /** real topic and partition of the last event produced before the crash step */
  topic: string
  partition: number
  /** the event's output, as the output id path reads it */
  isOutputOf: (r: CollectedRecord) => boolean
  boundMs: number
}

export type CrashTrigger = 'output-visible' | 'offset-committed' | 'bound'

/**
 * Waits for the first observable effect of event N, the last one produced before a `crash-sut` step:
 * either its output is visible (read_uncommitted) or the SUT's group has committed past it. A SUT that
 * produces before committing (at-least-once) shows its output first, and a kill right then loses the
 * commit: duplicates. A SUT that commits before producing (at-most-once) shows the commit first, and a
 * kill right then loses the output. Killing at the first effect opens both windows; a transactional
 * SUT is safe at either moment.
 */
export async function waitForFirstEffect(t: CrashTarget): Promise<CrashTrigger> {
  const end = Number((await t.admin.fetchTopicOffsets(t.topic)).find((p) => p.partition === t.partition)?.high ?? 0)
  let done = false
  const committed = async (): Promise<CrashTrigger | undefined> => {
    while (!done) {
      const [group] = await t.admin.fetchOffsets({ groupId: t.groupId, topics: [t.topic] })
      const offset = Number(group?.partitions.find((p) => p.partition === t.partition)?.offset ?? -1)
      if (offset >= end) return 'offset-committed'
      await pause(2)
    }
    return undefined
  }
  const visible = t.collector.waitFor(t.isOutputOf, t.boundMs).then((seen): CrashTrigger | undefined => (seen ? 'output-visible' : 'bound'))
  try {
    const first = await Promise.race([visible, committed()])
    return first ?? 'bound'
  } finally {
    done = true
  }
}
