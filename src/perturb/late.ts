import { mapEvents } from './_internals/faults.ts'
import { MaxTree } from './_internals/max-tree.ts'
import { checkMs, checkRate } from './_internals/options.ts'
import type { EventStep, Perturbation } from './step.ts'

/** late's rate and lateness in ms (the scenario's `by: '2s'` is LateOptions, see factories.ts) */
export interface LateParams {
  /** fraction of the events to make late, 0..1: exactly round(rate * events) are chosen */
  rate: number
  /** a late event arrives after an event at least this much newer (in event time) */
  byMs: number
}

/**
 * Makes events arrive late: round(rate * n) events are chosen uniformly (seeded), taken out, and
 * each is put back right after the first remaining event that came after it in the input and whose
 * ts >= its ts + byMs; when there is none, at the end of the stream. The chosen events are marked
 * `late: true`; event times are unchanged. Events that land at the same place keep their input
 * order. The remaining events keep their order; faults keep their place by count.
 */
export function late(options: LateParams): Perturbation {
  const rate = checkRate(options.rate, 'late.rate')
  const byMs = checkMs(options.byMs, 'late.by')
  return (steps, rng) =>
    mapEvents(steps, (events) => {
      const n = events.length
      const chosen = new Uint8Array(n)
      const pool = events.map((_, i) => i)
      const count = Math.round(rate * n)
      for (let k = 0; k < count; k++) {
        const pick = rng.int(k, n - 1)
        const i = pool[pick]!
        pool[pick] = pool[k]!
        pool[k] = i
        chosen[i] = 1
      }
      const staying: number[] = []
      for (let i = 0; i < n; i++) if (!chosen[i]) staying.push(i)
      const tree = new MaxTree(staying.map((i) => events[i]!.event.ts))
      const after: EventStep[][] = staying.map(() => [])
      const atEnd: EventStep[] = []
      let firstLater = 0 // index into staying of the first remaining event after input index i
      for (let i = 0; i < n; i++) {
        while (firstLater < staying.length && staying[firstLater]! < i) firstLater++
        if (!chosen[i]) continue
        const e = events[i]!
        const target = tree.firstAtLeast(firstLater, e.event.ts + byMs)
        const moved: EventStep = { ...e, late: true }
        if (target === -1) atEnd.push(moved)
        else after[target]!.push(moved)
      }
      const out: EventStep[] = []
      staying.forEach((i, s) => {
        out.push(events[i]!)
        for (const m of after[s]!) out.push(m)
      })
      for (const m of atEnd) out.push(m)
      return out
    })
}
