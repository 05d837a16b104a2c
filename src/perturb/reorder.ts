import { InputError } from '../errors.ts'
import { mapEvents } from './_internals/faults.ts'
import { checkInt, checkMs } from './_internals/options.ts'
import { insertionOrder, isTsSorted, sortedOrder } from './_internals/reorder-order.ts'
import type { Perturbation } from './step.ts'

/** reorder's bounds in ms and positions (the scenario's `within: '5s'` is ReorderOptions, see factories.ts) */
export interface ReorderParams {
  /** only events whose event times differ by at most this many ms may change their relative order */
  withinMs?: number
  /** no event ends up more than this many positions away from where it was */
  positions?: number
}

/**
 * Shuffles arrival order within bounds. Guarantees, for ANY input order:
 * - `withinMs`: every pair of events whose relative order changed has |ts_a - ts_b| <= withinMs
 *   (strictly less when withinMs > 0);
 * - `positions`: no event moves more than `positions` places from its index.
 *
 * How: each event gets a sort key, `ts + u*withinMs` (or `index + u*(positions+1)` with positions
 * alone), u uniform in [0, 1). With positions alone, or withinMs alone on a ts-sorted input, the
 * result is the stable sort by key (O(n log n)); on sorted input a pair can only swap when the
 * later one's ts is less than withinMs above the earlier one's. Otherwise (unsorted input, or both
 * bounds) it is an insertion sort by key in which an event moves left past an earlier one only
 * while that one has a larger key AND is within the bounds; a pair's order only ever changes by
 * such a direct pass, so the bounds hold pairwise. That path costs O(n + total displacement):
 * near-linear for streams with bounded disorder, quadratic at worst (many events within withinMs
 * of each other in a stream that is not ts-sorted). On sorted input both paths give the same
 * result. Faults keep their place by count. Event times are not changed.
 */
export function reorder(options: ReorderParams): Perturbation {
  const withinMs = options.withinMs === undefined ? undefined : checkMs(options.withinMs, 'reorder.within')
  const positions = options.positions === undefined ? undefined : checkInt(options.positions, 'reorder.positions', 0)
  if (withinMs === undefined && positions === undefined) {
    throw new InputError('reorder needs a bound', {
      path: 'reorder',
      expected: 'within (a duration) and/or positions (an integer)',
      found: 'neither',
    })
  }
  return (steps, rng) =>
    mapEvents(steps, (events) => {
      const keys =
        withinMs !== undefined
          ? events.map((e) => e.event.ts + rng.next() * withinMs)
          : events.map((_, i) => i + rng.next() * (positions! + 1))
      const insertion = withinMs !== undefined && (positions !== undefined || !isTsSorted(events))
      const order = insertion ? insertionOrder(events, keys, withinMs, positions) : sortedOrder(keys)
      return order.map((i) => events[i]!)
    })
}
