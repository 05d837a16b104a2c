/**
 * What a generated event is made to be, beyond an ordinary on-time event. Each raw event carries one
 * uniform roll in [0, ROLL_SPACE); the rates cut that space into consecutive ranges, `none` first, so
 * shrinking the roll towards 0 also shrinks the event towards an ordinary one.
 */
export type Mark =
  | 'none'
  /** event time snapped to a window boundary (relative to the window around its time) */
  | 'start'
  | 'end-1'
  | 'end'
  /** event time = some window's end + grace - 1: the last instant it is still open */
  | 'close-1'
  /** event time = some window's end + grace: the instant it closes */
  | 'close'
  /** event time = the previous event's time + session gap (still merges) */
  | 'gap'
  /** event time = the previous event's time + session gap + 1 (a new session) */
  | 'gap+1'
  /** event time far behind the stream's maximum so far: past its window and grace */
  | 'late'
  /** a copy of an earlier event, same id */
  | 'dup'

export const ROLL_SPACE = 100_000

export const BOUNDARY_MARKS = ['start', 'end-1', 'end', 'close-1', 'close'] as const
export const GAP_MARKS = ['gap', 'gap+1'] as const

export interface MarkRates {
  boundary: number
  gap: number
  late: number
  duplicate: number
}

/** The roll -> mark table for the given rates; throws a RangeError when they add up to more than 1. */
export function markTable(rates: MarkRates): (roll: number) => Mark {
  for (const [name, r] of Object.entries(rates)) {
    if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} rate must be a number from 0 to 1, got ${r}`)
  }
  const total = rates.boundary + rates.gap + rates.late + rates.duplicate
  if (total > 1 + 1e-9) throw new RangeError(`boundary, gap, late and duplicate rates add up to ${total}; at most 1`)
  const ranges: { upTo: number; marks: readonly Mark[] }[] = []
  let at = ROLL_SPACE * (1 - total)
  const add = (rate: number, marks: readonly Mark[]) => {
    if (rate <= 0) return
    at += ROLL_SPACE * rate
    ranges.push({ upTo: at, marks })
  }
  const none = at
  add(rates.boundary, BOUNDARY_MARKS)
  add(rates.gap, GAP_MARKS)
  add(rates.late, ['late'])
  add(rates.duplicate, ['dup'])
  return (roll) => {
    if (roll < none) return 'none'
    let from = none
    for (const r of ranges) {
      if (roll < r.upTo) {
        const width = (r.upTo - from) / r.marks.length
        return r.marks[Math.min(r.marks.length - 1, Math.floor((roll - from) / width))]!
      }
      from = r.upTo
    }
    return 'none'
  }
}
