import type { ProduceOp } from '../../replay/plan.ts'
import type { ExpectedWindow, IndeterminateWindow } from './expected-types.ts'
import { Category } from './window-index.ts'
import { WindowTable } from './window-table.ts'
import type { WindowMaps } from './window-view.ts'

/** Windows sorted by an engine that computes them as objects (sessions, sliding, Flink, keys on several partitions). */
export type SortedWindows = WindowMaps<Map<string, ExpectedWindow>>

/**
 * The one table of windows from windows computed as objects, records named by their index in `ops`.
 * Categories are loaded in the order the judge looks a window identity up (expected, tolerated,
 * indeterminate, lost, unclosed, late-only), each in its map's order.
 */
export function loadWindows(ops: readonly ProduceOp[], sorted: SortedWindows, indeterminate: readonly IndeterminateWindow[] = []): WindowTable {
  const table = new WindowTable(ops)
  const opIndex = new Map<ProduceOp, number>()
  ops.forEach((op, i) => opIndex.set(op, i))
  const indexOf = (op: ProduceOp): number => {
    const i = opIndex.get(op)
    if (i === undefined) throw new Error(`window record ${op.id} is not in the engine's input`)
    return i
  }
  const categories: Category[] = []
  const load = (w: ExpectedWindow, c: Category): void => {
    const i = table.add(table.keyOf(w.key), w.start, w.end, w.value, w.partition ?? -1)
    const grace = new Set(w.graceMembers)
    for (const op of w.members) table.addMember(i, indexOf(op), grace.has(op))
    for (const op of w.dropped) table.addDropped(i, indexOf(op))
    if (w.boundary === true) table.markBoundary(i)
    categories.push(c)
  }
  for (const w of sorted.windows.values()) load(w, Category.Expected)
  for (const w of sorted.tolerated.values()) load(w, Category.Tolerated)
  for (const w of indeterminate) {
    load({ key: w.key, start: w.start, end: w.end, value: undefined, members: [], dropped: [], graceMembers: [] }, Category.Indeterminate)
  }
  for (const w of sorted.lost?.values() ?? []) load(w, Category.Lost)
  for (const w of sorted.unclosed.values()) load(w, Category.Unclosed)
  for (const w of sorted.lateOnly.values()) load(w, Category.LateOnly)
  table.finishLoaded(categories)
  return table
}
