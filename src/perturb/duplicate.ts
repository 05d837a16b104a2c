import { splitFaults } from './_internals/faults.ts'
import { copyCounter } from './_internals/copies.ts'
import { checkInt, checkRate } from './_internals/options.ts'
import type { EventStep, Perturbation, Step } from './step.ts'

export interface DuplicateOptions {
  /** probability that an event is duplicated, 0..1 */
  rate: number
  /** extra copies of a duplicated event (default 1) */
  copies?: number
  /** a copy lands 0..spread input events after its original (default 10) */
  spread?: number
}

/**
 * Each event, with probability `rate`, gets `copies` extra copies: same event, same id, new copy
 * numbers (1, 2, ... for an id that had no copies yet; above any copy number the input already
 * uses for that id). Each copy draws d uniform in [0, spread] and is placed right after the input
 * event d places after its original (the last event when that runs past the end), so between an
 * original and its copy there are at most `spread` input events (plus other new copies). Copies that
 * land at the same place keep the order in which they were made (by original, then copy number).
 * The input events keep their order. A fault stays right after the input event it followed, ahead of
 * the copies placed there.
 */
export function duplicate(options: DuplicateOptions): Perturbation {
  const rate = checkRate(options.rate, 'duplicate.rate')
  const copies = checkInt(options.copies ?? 1, 'duplicate.copies', 1)
  const spread = checkInt(options.spread ?? 10, 'duplicate.spread', 0)
  return (steps, rng) => {
    const { events, faults } = splitFaults(steps)
    const nextCopy = copyCounter(events)
    const landing: EventStep[][] = events.map(() => [])
    events.forEach((original, i) => {
      if (rng.next() >= rate) return
      for (let c = 0; c < copies; c++) {
        const at = Math.min(i + rng.int(0, spread), events.length - 1)
        landing[at]!.push({ ...original, copy: nextCopy(original.id) })
      }
    })
    const out: Step[] = []
    let f = 0
    while (f < faults.length && faults[f]!.before === 0) out.push(faults[f++]!.step)
    events.forEach((e, i) => {
      out.push(e)
      while (f < faults.length && faults[f]!.before === i + 1) out.push(faults[f++]!.step)
      for (const copy of landing[i]!) out.push(copy)
    })
    return out
  }
}
