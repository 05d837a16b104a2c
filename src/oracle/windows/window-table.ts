import type { ProduceOp } from '../../replay/plan.ts'
import { windowId, type ExpectedWindow } from './expected-types.ts'
import { RecordChains } from './record-chains.ts'
import { TableWindow } from './table-window.ts'
import { Category, type WindowIndex } from './window-index.ts'

/**
 * Every window a reference engine computed, in columns (one typed-array slot per window, in creation
 * order): a million windows would otherwise be a million objects and id strings in Maps. The Kafka
 * Streams time-window processor writes here as it runs; the other engines' windows are loaded when they
 * are done (load-windows.ts). A window object is made only when a caller asks for one, and kept.
 */
export class WindowTable implements WindowIndex {
  count = 0
  /** the distinct keys; a window's key is keyNames[keyIds[i]] */
  private readonly keyNames: string[] = []
  private keyIds: Int32Array
  private readonly keyNumbers = new Map<string, number>()
  starts: Float64Array
  ends: Float64Array
  /** the windows' values while they are all numbers (count, sum): no array of a million boxes to grow */
  private numbers: Float64Array | undefined
  /** the values once one is not a number */
  private others: unknown[] = []
  /** the input partition whose task computed the window, -1 for none (Flink) */
  partitions: Int32Array
  private memberHeads: Int32Array
  private droppedHeads: Int32Array
  private graceHeads: Int32Array
  /** 1: emit on-window-close, closed but never emitted (Kafka Streams store retention, D3/D4) */
  lost: Uint8Array
  /** 1: may be emitted as "final" twice (ExpectedWindow.boundary) */
  private boundaries: Uint8Array
  /** set when finished: each window's category, and the windows in the order ExpectedWindows' maps list them */
  private categories = new Uint8Array(0)
  private order = new Int32Array(0)
  private readonly sizes = [0, 0, 0, 0, 0, 0]
  private readonly chains: RecordChains
  /** per partition, per key number: the key's windows by start (the store the Kafka Streams engine searches) */
  private readonly stores = new Map<number, (number[] | undefined)[]>()
  /** set when finished: per key number, its windows by start (in the order they were added for equal starts) */
  private keyLists: readonly (readonly number[] | undefined)[] = []
  private readonly made = new Map<number, ExpectedWindow>()

  /** `ops`: the input; records are named by their index in it. `capacity`: windows before the columns grow */
  constructor(ops: readonly ProduceOp[], capacity = 1024) {
    this.chains = new RecordChains(ops, capacity)
    const n = Math.max(16, capacity)
    this.keyIds = new Int32Array(n)
    this.starts = new Float64Array(n)
    this.ends = new Float64Array(n)
    this.partitions = new Int32Array(n)
    this.memberHeads = new Int32Array(n)
    this.droppedHeads = new Int32Array(n)
    this.graceHeads = new Int32Array(n)
    this.lost = new Uint8Array(n)
    this.boundaries = new Uint8Array(n)
    this.numbers = new Float64Array(n)
  }

  value(i: number): unknown {
    return this.numbers !== undefined ? this.numbers[i] : this.others[i]
  }

  setValue(i: number, v: unknown): void {
    const numbers = this.numbers
    if (numbers !== undefined) {
      if (typeof v === 'number') {
        numbers[i] = v
        return
      }
      this.others = Array.from(numbers.subarray(0, this.count))
      this.numbers = undefined
    }
    this.others[i] = v
  }

  /** the key's number */
  keyOf(key: string): number {
    let k = this.keyNumbers.get(key)
    if (k === undefined) {
      this.keyNumbers.set(key, (k = this.keyNames.length))
      this.keyNames.push(key)
    }
    return k
  }

  /** a partition's store: by key number, the key's windows sorted by start */
  storeOf(partition: number): (number[] | undefined)[] {
    let byKey = this.stores.get(partition)
    if (byKey === undefined) this.stores.set(partition, (byKey = []))
    return byKey
  }

  /** a new window without records; `partition` -1: computed across partitions */
  add(keyNumber: number, start: number, end: number, value: unknown, partition: number): number {
    const i = this.count++
    if (i === this.starts.length) this.grow()
    this.keyIds[i] = keyNumber
    this.setValue(i, value)
    this.starts[i] = start
    this.ends[i] = end
    this.partitions[i] = partition
    this.memberHeads[i] = -1
    this.droppedHeads[i] = -1
    this.graceHeads[i] = -1
    return i
  }

  /** ops[`op`] counted in window i; `grace`: kept only thanks to grace / allowed lateness */
  addMember(i: number, op: number, grace: boolean): void {
    this.memberHeads[i] = this.chains.push(this.memberHeads[i] ?? -1, op)
    if (grace) this.graceHeads[i] = this.chains.push(this.graceHeads[i] ?? -1, op)
  }

  addDropped(i: number, op: number): void {
    this.droppedHeads[i] = this.chains.push(this.droppedHeads[i] ?? -1, op)
  }

  markBoundary(i: number): void {
    this.boundaries[i] = 1
  }

  /** whether window i has counted records */
  hasMembers(i: number): boolean {
    return (this.memberHeads[i] ?? -1) >= 0
  }

  /**
   * Sorts the windows the Kafka Streams engine wrote into categories once it is done (no key on several
   * partitions): `partitions` in the order their tasks started, `keyPartition` by key number,
   * `category` of a window with counted records. The maps list a partition's windows before the next one's.
   */
  finish(partitions: readonly number[], keyPartition: readonly number[], category: (i: number) => Category): void {
    const n = this.count
    this.categories = new Uint8Array(n)
    this.order = new Int32Array(n)
    const rank = new Int32Array(Math.max(0, ...partitions) + 1)
    partitions.forEach((p, r) => (rank[p] = r))
    /** per partition rank, where its next window goes in `order` */
    const next = new Int32Array(partitions.length + 1)
    const rankOf = (i: number): number => rank[this.partitions[i] ?? 0] ?? 0
    for (let i = 0; i < n; i++) {
      const r = rankOf(i) + 1
      next[r] = (next[r] ?? 0) + 1
    }
    for (let r = 1; r <= partitions.length; r++) next[r] = (next[r] ?? 0) + (next[r - 1] ?? 0)
    for (let i = 0; i < n; i++) {
      const c = this.hasMembers(i) ? category(i) : Category.LateOnly
      this.categories[i] = c
      this.sizes[c] = (this.sizes[c] ?? 0) + 1
      const r = rankOf(i)
      const at = next[r] ?? 0
      next[r] = at + 1
      this.order[at] = i
    }
    this.keyLists = keyPartition.map((p, k) => this.stores.get(p)?.[k])
  }

  /** Finishes a table filled with `add` (load-windows.ts): `categories[i]` of each window; the maps list them in the order added. */
  finishLoaded(categories: readonly Category[]): void {
    this.categories = Uint8Array.from(categories)
    this.order = Int32Array.from(categories.keys())
    const byKey: number[][] = []
    for (let i = 0; i < this.count; i++) {
      const c = categories[i] ?? Category.Indeterminate
      this.sizes[c] = (this.sizes[c] ?? 0) + 1
      ;(byKey[this.keyIds[i] ?? 0] ??= []).push(i)
    }
    for (const list of byKey) list?.sort((a, b) => (this.starts[a] ?? 0) - (this.starts[b] ?? 0))
    this.keyLists = byKey
  }

  find(key: string, start: number, end: number, category?: Category): number {
    const k = this.keyNumbers.get(key)
    const list = k === undefined ? undefined : this.keyLists[k]
    if (list === undefined) return -1
    for (let at = searchStart(this.starts, list, start); at < list.length; at++) {
      const i = list[at] ?? -1
      if (this.starts[i] !== start) return -1
      if (this.ends[i] === end && (category === undefined || this.categories[i] === category)) return i
    }
    return -1
  }

  category(i: number): Category {
    return (this.categories[i] ?? Category.Indeterminate) as Category
  }

  boundary(i: number): boolean {
    return this.boundaries[i] === 1
  }

  size(c: Category): number {
    return this.sizes[c] ?? 0
  }

  *inCategory(c: Category): Generator<number> {
    const order = this.order
    for (let r = 0; r < order.length; r++) {
      const i = order[r] ?? 0
      if (this.categories[i] === c) yield i
    }
  }

  windowsOfKey(key: string): ExpectedWindow[] {
    const k = this.keyNumbers.get(key)
    const list = (k === undefined ? undefined : this.keyLists[k]) ?? []
    const judged = list.filter((i) => this.categories[i] !== Category.Indeterminate)
    judged.sort((a, b) => this.category(a) - this.category(b) || a - b)
    return judged.map((i) => this.window(i))
  }

  window(i: number): ExpectedWindow {
    let w = this.made.get(i)
    if (w === undefined) {
      const heads = [this.memberHeads[i] ?? -1, this.droppedHeads[i] ?? -1, this.graceHeads[i] ?? -1] as const
      w = new TableWindow(this.key(i), this.starts[i] ?? NaN, this.ends[i] ?? NaN, this.value(i), this.chains, heads)
      const partition = this.partitions[i] ?? -1
      if (partition >= 0) w.partition = partition
      if (this.boundary(i)) w.boundary = true
      this.made.set(i, w)
    }
    return w
  }

  key(i: number): string {
    return this.keyNames[this.keyIds[i] ?? -1] ?? ''
  }

  id(i: number): string {
    return windowId(this.key(i), this.starts[i] ?? NaN, this.ends[i] ?? NaN)
  }

  private grow(): void {
    const n = this.starts.length * 2
    const wider = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n)
      b.set(a)
      return b
    }
    this.starts = wider(this.starts, Float64Array)
    this.ends = wider(this.ends, Float64Array)
    this.partitions = wider(this.partitions, Int32Array)
    this.keyIds = wider(this.keyIds, Int32Array)
    this.memberHeads = wider(this.memberHeads, Int32Array)
    this.droppedHeads = wider(this.droppedHeads, Int32Array)
    this.graceHeads = wider(this.graceHeads, Int32Array)
    this.lost = wider(this.lost, Uint8Array)
    this.boundaries = wider(this.boundaries, Uint8Array)
    if (this.numbers !== undefined) this.numbers = wider(this.numbers, Float64Array)
  }
}

/** The index in `list` (window numbers sorted by start) of the first window starting at or after `start`. */
export function searchStart(starts: Float64Array, list: readonly number[], start: number): number {
  let hi = list.length
  const last = list[hi - 1]
  if (last === undefined || (starts[last] ?? -Infinity) < start) return hi
  if (starts[last] === start && (hi === 1 || starts[list[hi - 2] ?? 0] !== start)) return hi - 1
  let lo = 0
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((starts[list[mid] ?? 0] ?? -Infinity) < start) lo = mid + 1
    else hi = mid
  }
  return lo
}
