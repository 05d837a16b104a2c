/**
 * K-way merge that keeps each list's order: at each point the list whose next item has the smallest
 * time goes first (ties: the earlier list). `emit` gets the items in merged order with their list's index.
 */
export function mergeByTime<T>(lists: readonly (readonly T[])[], timeOf: (item: T) => number, emit: (item: T, list: number) => void): void {
  const heads = lists.map(() => 0)
  let left = lists.reduce((n, l) => n + l.length, 0)
  for (; left > 0; left--) {
    let best = -1
    for (let k = 0; k < lists.length; k++) {
      const head = lists[k]![heads[k]!]
      if (head !== undefined && (best === -1 || timeOf(head) < timeOf(lists[best]![heads[best]!]!))) best = k
    }
    emit(lists[best]![heads[best]!++]!, best)
  }
}

/** Events of several partitions (each in offset order) as one arrival order, by timestamp. */
export function mergeEventsByTs<T extends { ts: number }>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = []
  mergeByTime(lists, (e) => e.ts, (e) => out.push(e))
  return out
}
