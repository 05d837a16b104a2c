import type { ExpectedWindow } from './expected-types.ts'
import { Category, type WindowIndex } from './window-index.ts'

/**
 * ExpectedWindows' maps by windowId (each a read-only view of one category of the engine's windows),
 * or, with `M` a Map, the same maps while an engine that computes windows as objects sorts them.
 */
export interface WindowMaps<M extends ReadonlyMap<string, ExpectedWindow> = ReadonlyMap<string, ExpectedWindow>> {
  /** what the SUT must emit */
  windows: M
  unclosed: M
  lateOnly: M
  tolerated: M
  /** only when some window is lost */
  lost?: M
}

export function windowMaps(index: WindowIndex): WindowMaps {
  const maps: WindowMaps = {
    windows: new WindowView(index, Category.Expected),
    unclosed: new WindowView(index, Category.Unclosed),
    lateOnly: new WindowView(index, Category.LateOnly),
    tolerated: new WindowView(index, Category.Tolerated),
  }
  if (index.size(Category.Lost) > 0) maps.lost = new WindowView(index, Category.Lost)
  return maps
}

/**
 * One category of a WindowIndex as a read-only Map by windowId, whose ids and window objects are made
 * when read (a million windows are not a million Map entries).
 */
class WindowView implements ReadonlyMap<string, ExpectedWindow> {
  private readonly index: WindowIndex
  private readonly category: Category

  constructor(index: WindowIndex, category: Category) {
    this.index = index
    this.category = category
  }

  get size(): number {
    return this.index.size(this.category)
  }

  get(id: string): ExpectedWindow | undefined {
    const i = this.indexOf(id)
    return i < 0 ? undefined : this.index.window(i)
  }

  has(id: string): boolean {
    return this.indexOf(id) >= 0
  }

  *entries(): MapIterator<[string, ExpectedWindow]> {
    for (const i of this.index.inCategory(this.category)) yield [this.index.id(i), this.index.window(i)]
  }

  *keys(): MapIterator<string> {
    for (const i of this.index.inCategory(this.category)) yield this.index.id(i)
  }

  *values(): MapIterator<ExpectedWindow> {
    for (const i of this.index.inCategory(this.category)) yield this.index.window(i)
  }

  [Symbol.iterator](): MapIterator<[string, ExpectedWindow]> {
    return this.entries()
  }

  forEach(fn: (w: ExpectedWindow, id: string, map: ReadonlyMap<string, ExpectedWindow>) => void, self?: unknown): void {
    for (const [id, w] of this.entries()) fn.call(self, w, id, this)
  }

  /** the window number of `id` in this category, or -1 (also for a string that is not a windowId's exact text) */
  private indexOf(id: string): number {
    let parsed: unknown
    try {
      parsed = JSON.parse(id)
    } catch {
      return -1
    }
    if (!Array.isArray(parsed) || parsed.length !== 3) return -1
    const [key, start, end] = parsed as unknown[]
    if (typeof key !== 'string' || typeof start !== 'number' || typeof end !== 'number') return -1
    const i = this.index.find(key, start, end, this.category)
    return i >= 0 && this.index.id(i) === id ? i : -1
  }
}
