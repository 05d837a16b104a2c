import { setTimeout as pause } from 'node:timers/promises'
import type { Admin } from 'kafkajs'
import type { Collector } from '../collect/index.ts'
import type { CollectedRecord } from '../collect/record.ts'
import type { Placement, Rng } from '../perturb/index.ts'
import type { FaultTrigger } from './record.ts'
import { isRetriable } from '../env/retriable.ts'

/** Event N, the last one produced before a SUT fault step, and where its effects show. */
export interface EffectTarget {
  admin: Admin
  collector: Collector
  groupId: string
  /** real topic and partition of event N */
  topic: string
  partition: number
  /** an output of event N, as the output id path reads it */
  isOutputOf: (r: CollectedRecord) => boolean
  /** event N is a copy made by `duplicate` or `replay`: its original's outputs may be visible already */
  copy: boolean
  /** how long to wait for any effect before firing anyway */
  boundMs: number
}

/** `random`: the step fires this long at most after event N was acknowledged (seeded). */
const RANDOM_DELAY_MS = 500
/** how often the group's committed offset is read while waiting for it */
const COMMIT_POLL_MS = 2

/**
 * Waits until a SUT fault step should fire, after event N was acknowledged:
 * - `output-visible`: an output of event N is visible read_uncommitted. A SUT that produces before it
 *   commits (at-least-once) shows this first; killing it now loses the commit: duplicates. For a
 *   transactional SUT it means the instance is inside an open transaction, where a pause makes a zombie.
 * - `offset-committed`: the SUT's group committed past event N. A SUT that commits before it produces
 *   (at-most-once) shows this first; killing it now loses the output.
 * - `first-effect` (default): whichever of the two comes first, which opens both windows.
 * - `random`: a seeded delay of up to 500 ms, a plain timing sample.
 *
 * A copy's original may have shown its output long ago, so for a copy only a *new* output counts: an
 * output that was not visible when the wait began (an app that de-duplicates shows none, and its copy's
 * first effect is the commit past the copy's own offset).
 */
export async function waitForEffect(t: EffectTarget, on: Placement, rng: Rng): Promise<FaultTrigger> {
  if (on === 'random') {
    await pause(Math.floor(rng.next() * RANDOM_DELAY_MS))
    return 'random'
  }
  const end = Number((await t.admin.fetchTopicOffsets(t.topic)).find((p) => p.partition === t.partition)?.high ?? 0)
  let done = false
  const cancel = new AbortController()
  const committed = async (): Promise<FaultTrigger | undefined> => {
    while (!done) {
      try {
        const [group] = await t.admin.fetchOffsets({ groupId: t.groupId, topics: [t.topic] })
        const offset = Number(group?.partitions.find((p) => p.partition === t.partition)?.offset ?? -1)
        if (offset >= end) return 'offset-committed'
      } catch (err) {
        // a group coordinator loading after a broker fault: not committed yet, ask again
        if (!isRetriable(err)) throw err
      }
      await pause(COMMIT_POLL_MS)
    }
    return undefined
  }
  const seen = t.copy ? new Set(t.collector.snapshot().flatMap((c) => c.uncommitted.filter(t.isOutputOf))) : undefined
  const isNew = seen ? (r: CollectedRecord) => t.isOutputOf(r) && !seen.has(r) : t.isOutputOf
  const visible = (): Promise<FaultTrigger> => t.collector.waitFor(isNew, t.boundMs).then((ok) => (ok ? 'output-visible' : 'bound'))
  const bound = (): Promise<FaultTrigger> =>
    pause(t.boundMs, undefined, { signal: cancel.signal }).then(() => 'bound' as const, () => 'bound' as const)
  try {
    if (on === 'output-visible') return await visible()
    if (on === 'offset-committed') return (await Promise.race([committed(), bound()])) ?? 'bound'
    return (await Promise.race([visible(), committed()])) ?? 'bound'
  } finally {
    done = true
    cancel.abort()
  }
}
