import { windowId, type ExpectedWindow, type ExpectedWindows } from './expected-types.ts'
import { Category, type WindowTable } from './window-table.ts'
import { WindowView } from './window-view.ts'

/** also skipped by the judge: a Flink window whose result depends on watermark timing */
export const Indeterminate = 5

/**
 * What the judge asks of ExpectedWindows: every window it knows by number, found by (key, start, end),
 * its category and value without building the window object. A window in several maps counts once, in
 * the first of: windows, tolerated, indeterminate, lost, unclosed, lateOnly (the order the judge asks).
 */
export interface WindowIndex {
  readonly count: number
  /** the window's number, or -1 */
  find(key: string, start: number, end: number): number
  category(i: number): number
  value(i: number): unknown
  boundary(i: number): boolean
  window(i: number): ExpectedWindow
  /** the windows a correct app must emit, in `expected.windows` order */
  expected(): Iterable<number>
  /** every window of the key, in the order of the maps windows, unclosed, lateOnly, tolerated, lost */
  windowsOfKey(key: string): ExpectedWindow[]
}

export function windowIndex(e: ExpectedWindows): WindowIndex {
  const maps = [e.windows, e.unclosed, e.lateOnly, e.tolerated, e.lost]
  const table = e.windows instanceof WindowView ? e.windows.columns : undefined
  const sameTable = table !== undefined && maps.every((m) => m === undefined || (m instanceof WindowView && m.columns === table))
  if (sameTable && e.indeterminate.length === 0) return tableIndex(table, e.windows as WindowView)
  return mapIndex(e)
}

function tableIndex(t: WindowTable, windows: WindowView): WindowIndex {
  return {
    count: t.count,
    find: (key, start, end) => t.find(key, start, end),
    category: (i) => t.categories[i] as number,
    value: (i) => t.value(i),
    boundary: () => false,
    window: (i) => t.window(i),
    expected: () => windows.indices(t),
    windowsOfKey(key) {
      const list = [...t.keyWindows(key)]
      list.sort((a, b) => (t.categories[a] as number) - (t.categories[b] as number) || a - b)
      return list.map((i) => t.window(i))
    },
  }
}

function mapIndex(e: ExpectedWindows): WindowIndex {
  const windows: ExpectedWindow[] = []
  const categories: number[] = []
  const ids = new Map<string, number>()
  const add = (id: string, w: ExpectedWindow, c: number): void => {
    if (ids.has(id)) return
    ids.set(id, windows.length)
    windows.push(w)
    categories.push(c)
  }
  for (const [id, w] of e.windows) add(id, w, Category.Expected)
  const expectedCount = windows.length
  for (const [id, w] of e.tolerated) add(id, w, Category.Tolerated)
  for (const w of e.indeterminate) {
    const stub = { key: w.key, start: w.start, end: w.end, value: undefined, members: [], dropped: [], graceMembers: [] }
    add(windowId(w.key, w.start, w.end), stub, Indeterminate)
  }
  for (const [id, w] of e.lost ?? []) add(id, w, Category.Lost)
  for (const [id, w] of e.unclosed) add(id, w, Category.Unclosed)
  for (const [id, w] of e.lateOnly) add(id, w, Category.LateOnly)
  let byKey: Map<string, ExpectedWindow[]> | undefined
  return {
    count: windows.length,
    find: (key, start, end) => ids.get(windowId(key, start, end)) ?? -1,
    category: (i) => categories[i] as number,
    value: (i) => windows[i]?.value,
    boundary: (i) => windows[i]?.boundary === true,
    window: (i) => windows[i] as ExpectedWindow,
    *expected() {
      for (let i = 0; i < expectedCount; i++) yield i
    },
    windowsOfKey(key) {
      if (byKey === undefined) {
        byKey = new Map()
        for (const map of [e.windows, e.unclosed, e.lateOnly, e.tolerated, ...(e.lost === undefined ? [] : [e.lost])]) {
          for (const w of map.values()) {
            let l = byKey.get(w.key)
            if (l === undefined) byKey.set(w.key, (l = []))
            l.push(w)
          }
        }
      }
      return byKey.get(key) ?? []
    },
  }
}
