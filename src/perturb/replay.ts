import { splitFaults } from './_internals/faults.ts'
import { copyCounter } from './_internals/copies.ts'
import { checkInt } from './_internals/options.ts'
import type { Perturbation } from './step.ts'

export interface ReplayTimesOptions {
  /** how many more times the whole stream is sent (default 1) */
  times?: number
}

/**
 * The whole stream again, `times` more times, after the original: each pass is every event of the
 * input in input order, as new copies (same id and event, copy numbers above any the input uses;
 * for a stream without copies, pass p has copy = p). Faults stay where they were, in the first
 * pass only; the replayed passes carry no faults.
 */
export function replay(options: ReplayTimesOptions = {}): Perturbation {
  const times = checkInt(options.times ?? 1, 'replay.times', 1)
  return (steps) => {
    const { events } = splitFaults(steps)
    const nextCopy = copyCounter(events)
    const out = steps.slice()
    for (let pass = 1; pass <= times; pass++) {
      for (const e of events) out.push({ ...e, copy: nextCopy(e.id) })
    }
    return out
  }
}
