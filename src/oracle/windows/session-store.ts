/** Sessions per key, disjoint and sorted by start (so by end too); what a session store holds. */
export class SessionStore<T extends { start: number; end: number }> {
  private readonly byKey = new Map<string, T[]>()

  /** The sessions of `key` with `end >= lo` and `start <= hi`, in start order, and where they sit. */
  find(key: string, lo: number, hi: number): { index: number; found: T[] } {
    const list = this.byKey.get(key) ?? []
    let a = 0
    let b = list.length
    while (a < b) {
      const mid = (a + b) >> 1
      if ((list[mid] as T).end >= lo) b = mid
      else a = mid + 1
    }
    const found: T[] = []
    for (let i = a; i < list.length && (list[i] as T).start <= hi; i++) found.push(list[i] as T)
    return { index: a, found }
  }

  /** The session of `key` at `index` in start order, if any. */
  at(key: string, index: number): T | undefined {
    return index < 0 ? undefined : this.byKey.get(key)?.[index]
  }

  /** Replaces `count` sessions from `index` (as returned by find) with `sessions`. */
  replace(key: string, index: number, count: number, ...sessions: T[]): void {
    let list = this.byKey.get(key)
    if (list === undefined) this.byKey.set(key, (list = []))
    list.splice(index, count, ...sessions)
  }

  *all(): Iterable<T> {
    for (const list of this.byKey.values()) yield* list
  }
}
