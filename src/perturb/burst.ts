import { mapEvents } from './_internals/faults.ts'
import { checkInt } from './_internals/options.ts'
import type { EventStep, Perturbation } from './step.ts'

export interface BurstOptions {
  /** events of one key that arrive back to back */
  size: number
  /** cut the stream into segments of this many events and burst within each (default: the whole stream) */
  every?: number
}

/**
 * Regroups arrival into per-key bursts, as a producer that buffers per key and flushes a key when
 * `size` of its events are waiting. Walking the stream in order, each event is held back with the
 * other waiting events of its key (null keys form one group); when a key has `size` waiting, they
 * are released together, back to back, at the position of the last of them. At the end of a segment
 * (`every` events, or the whole stream) every key's partial group is released, in the order of each
 * group's first event. So: the multiset is unchanged, per-key order is unchanged (hence per-partition
 * order within a key), no event leaves its segment, and with size 1 nothing moves. No randomness.
 * Faults keep their place by count.
 */
export function burst(options: BurstOptions): Perturbation {
  const size = checkInt(options.size, 'burst.size', 1)
  const every = options.every === undefined ? undefined : checkInt(options.every, 'burst.every', 1)
  return (steps) =>
    mapEvents(steps, (events) => {
      const segment = every ?? Math.max(1, events.length)
      const out: EventStep[] = []
      for (let start = 0; start < events.length; start += segment) {
        const waiting = new Map<string | null, EventStep[]>()
        for (const e of events.slice(start, start + segment)) {
          const group = waiting.get(e.event.key) ?? []
          group.push(e)
          if (group.length === size) {
            waiting.delete(e.event.key)
            for (const g of group) out.push(g)
          } else {
            waiting.set(e.event.key, group)
          }
        }
        for (const group of waiting.values()) for (const g of group) out.push(g)
      }
      return out
    })
}
