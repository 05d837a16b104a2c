import type { ProduceOp } from '../../replay/plan.ts'
import { ChainedWindow } from './chained-window.ts'
import { windowId } from './expected-types.ts'
import { RecordChains } from './record-chains.ts'

/** Which of ExpectedWindows' maps a window belongs to. */
export const Category = { Expected: 0, Unclosed: 1, LateOnly: 2, Tolerated: 3, Lost: 4 } as const
export type Category = (typeof Category)[keyof typeof Category]

/**
 * The windows of the Kafka Streams time-window engine in columns (one typed-array slot per window, in
 * creation order) instead of one object and one id string per window: a million windows would otherwise
 * be a million objects and strings in a Map. Window objects (ChainedWindow) and ids are made only when a
 * caller asks for one, and kept, so a window read twice is the same object.
 */
export class WindowTable {
  count = 0
  /** the distinct keys; a window's key is keyNames[keyIds[i]] */
  keyNames: string[] = []
  keyIds: Int32Array
  private readonly keyNumbers = new Map<string, number>()
  starts: Float64Array
  ends: Float64Array
  /** the windows' values while they are all numbers (count, sum): no array of a million boxes to grow */
  private numbers: Float64Array | undefined
  /** the values once one is not a number */
  private others: unknown[] | undefined
  partitions: Int32Array
  memberHeads: Int32Array
  droppedHeads: Int32Array
  graceHeads: Int32Array
  lost: Uint8Array
  /** set by finish: each window's category, and the windows in the order ExpectedWindows' maps list them */
  categories = new Uint8Array(0)
  order = new Int32Array(0)
  sizes = [0, 0, 0, 0, 0]
  readonly chains: RecordChains
  /** per partition, per key number: the key's windows by start (the store the engine searches) */
  private readonly stores = new Map<number, (number[] | undefined)[]>()
  private keyPartition: readonly number[] = []
  private readonly made = new Map<number, ChainedWindow>()

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
    this.numbers = new Float64Array(n)
  }

  value(i: number): unknown {
    return this.numbers !== undefined ? this.numbers[i] : (this.others as unknown[])[i]
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
    ;(this.others as unknown[])[i] = v
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

  /** ops[`op`] counted in window i */
  addMember(i: number, op: number, grace: boolean): void {
    this.memberHeads[i] = this.chains.push(this.memberHeads[i] as number, op)
    if (grace) this.graceHeads[i] = this.chains.push(this.graceHeads[i] as number, op)
  }

  addDropped(i: number, op: number): void {
    this.droppedHeads[i] = this.chains.push(this.droppedHeads[i] as number, op)
  }

  /**
   * Sorts the windows into categories once the engine is done (no key on several partitions):
   * `partitions` in the order their tasks started, `keyPartition` by key number, `category` of a
   * window with counted records.
   */
  finish(partitions: readonly number[], keyPartition: readonly number[], category: (i: number) => Category): void {
    this.keyPartition = keyPartition
    const n = this.count
    this.categories = new Uint8Array(n)
    this.order = new Int32Array(n)
    const rank = new Map(partitions.map((p, r) => [p, r]))
    const firstOf = new Int32Array(partitions.length + 1)
    for (let i = 0; i < n; i++) (firstOf[(rank.get(this.partitions[i] as number) as number) + 1] as number)++
    for (let r = 1; r <= partitions.length; r++) firstOf[r] = (firstOf[r] as number) + (firstOf[r - 1] as number)
    for (let i = 0; i < n; i++) {
      const c = (this.memberHeads[i] as number) < 0 ? Category.LateOnly : category(i)
      this.categories[i] = c
      ;(this.sizes[c] as number)++
      this.order[(firstOf[rank.get(this.partitions[i] as number) as number] as number)++] = i
    }
  }

  /** the window (key, start, end), or -1 */
  find(key: string, start: number, end: number): number {
    const list = this.keyWindows(key)
    const at = searchStart(this.starts, list, start)
    const i = list[at]
    return i !== undefined && this.starts[i] === start && this.ends[i] === end ? i : -1
  }

  /** every window of the key (it is on one partition after finish) */
  keyWindows(key: string): readonly number[] {
    const k = this.keyNumbers.get(key)
    const p = k === undefined ? undefined : this.keyPartition[k]
    return (p === undefined || k === undefined ? undefined : this.stores.get(p)?.[k]) ?? []
  }

  window(i: number): ChainedWindow {
    let w = this.made.get(i)
    if (w === undefined) {
      w = new ChainedWindow(this.key(i), this.starts[i] as number, this.ends[i] as number, this.value(i), this.partitions[i] as number, this.chains, [
        this.memberHeads[i] as number,
        this.droppedHeads[i] as number,
        this.graceHeads[i] as number,
      ])
      this.made.set(i, w)
    }
    return w
  }

  key(i: number): string {
    return this.keyNames[this.keyIds[i] as number] as string
  }

  id(i: number): string {
    return windowId(this.key(i), this.starts[i] as number, this.ends[i] as number)
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
    if (this.numbers !== undefined) this.numbers = wider(this.numbers, Float64Array)
  }
}

/** The index in `list` (window indices sorted by start) of the first window starting at or after `start`. */
export function searchStart(starts: Float64Array, list: readonly number[], start: number): number {
  let hi = list.length
  const last = list[hi - 1]
  if (last === undefined || (starts[last] as number) < start) return hi
  if (starts[last] === start) return hi - 1
  let lo = 0
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((starts[list[mid] as number] as number) < start) lo = mid + 1
    else hi = mid
  }
  return lo
}
