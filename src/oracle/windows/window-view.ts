import type { ExpectedWindow } from './expected-types.ts'
import type { Category, WindowTable } from './window-table.ts'

/**
 * One of ExpectedWindows' maps over a WindowTable: a Map by windowId whose ids and window objects are
 * made when read. The first change (set, delete, clear) copies the windows into the Map itself, which
 * from then on is an ordinary Map (`detached`).
 */
export class WindowView extends Map<string, ExpectedWindow> {
  private table: WindowTable | undefined
  readonly category: Category

  constructor(table: WindowTable, category: Category) {
    super()
    this.table = table
    this.category = category
  }

  /** the table this map reads, or undefined once it was changed */
  get columns(): WindowTable | undefined {
    return this.table
  }

  override get size(): number {
    return this.table === undefined ? super.size : (this.table.sizes[this.category] as number)
  }

  override get(id: string): ExpectedWindow | undefined {
    const t = this.table
    if (t === undefined) return super.get(id)
    const i = this.indexOf(t, id)
    return i < 0 ? undefined : t.window(i)
  }

  override has(id: string): boolean {
    const t = this.table
    return t === undefined ? super.has(id) : this.indexOf(t, id) >= 0
  }

  override set(id: string, w: ExpectedWindow): this {
    this.detach()
    return super.set(id, w)
  }

  override delete(id: string): boolean {
    this.detach()
    return super.delete(id)
  }

  override clear(): void {
    this.detach()
    super.clear()
  }

  override *entries(): MapIterator<[string, ExpectedWindow]> {
    const t = this.table
    if (t === undefined) return yield* super.entries()
    for (const i of this.indices(t)) yield [t.id(i), t.window(i)]
  }

  override *keys(): MapIterator<string> {
    const t = this.table
    if (t === undefined) return yield* super.keys()
    for (const i of this.indices(t)) yield t.id(i)
  }

  override *values(): MapIterator<ExpectedWindow> {
    const t = this.table
    if (t === undefined) return yield* super.values()
    for (const i of this.indices(t)) yield t.window(i)
  }

  override [Symbol.iterator](): MapIterator<[string, ExpectedWindow]> {
    return this.entries()
  }

  override forEach(fn: (w: ExpectedWindow, id: string, map: Map<string, ExpectedWindow>) => void, self?: unknown): void {
    for (const [id, w] of this.entries()) fn.call(self, w, id, this)
  }

  /** the table's windows of this category, in map order */
  *indices(t: WindowTable): Generator<number> {
    const order = t.order
    for (let r = 0; r < order.length; r++) {
      const i = order[r] as number
      if (t.categories[i] === this.category) yield i
    }
  }

  private indexOf(t: WindowTable, id: string): number {
    let parsed: unknown
    try {
      parsed = JSON.parse(id)
    } catch {
      return -1
    }
    if (!Array.isArray(parsed) || parsed.length !== 3) return -1
    const [key, start, end] = parsed as unknown[]
    if (typeof key !== 'string' || typeof start !== 'number' || typeof end !== 'number') return -1
    const i = t.find(key, start, end)
    return i >= 0 && t.categories[i] === this.category && t.id(i) === id ? i : -1
  }

  private detach(): void {
    const t = this.table
    if (t === undefined) return
    const all = [...this.entries()]
    this.table = undefined
    for (const [id, w] of all) super.set(id, w)
  }
}
