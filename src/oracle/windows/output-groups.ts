import type { CollectedRecord } from '../../collect/record.ts'
import { byPartitionOffset, position } from '../format.ts'
import { windowId } from './expected-types.ts'
import type { MappedWindow, ReadResult } from './mapping.ts'
import type { WindowIndex } from './window-index.ts'

/** One output record read as a window result. */
export interface Output {
  window: MappedWindow
  tombstone: boolean
  record: CollectedRecord
}

/** A window that outputs were written for: an expected one (its number in the index) or one no engine computed. */
export type OutputWindow = { known: true; window: number } | { known: false }

/**
 * A SUT's output records, in offset order per partition, grouped by the window each one is a result
 * for. Outputs are named by their position in that order; those of one window are chained from its
 * last one back. No object per output lives in here (a million of them for the garbage collector to
 * copy): `output(o)` reads the record again when needed.
 */
export class OutputGroups {
  readonly records: readonly CollectedRecord[]
  /** records that are not window results (tombstones aside), with why */
  readonly unmapped: { at: string; reason: string }[] = []
  private readonly read: (r: CollectedRecord) => ReadResult
  private readonly mapped: Uint8Array
  /** per output: the one before it of its window, or -1 */
  private readonly prev: Int32Array
  /** per output: its window's number in the index, or -1 - the number of a window the index lacks */
  private readonly group: Int32Array
  /** per window of the index: its last output, or -1 */
  private readonly lastOfKnown: Int32Array
  /** per window the index lacks: its last output */
  private readonly lastOfUnknown: number[] = []

  constructor(actual: readonly CollectedRecord[], read: (r: CollectedRecord) => ReadResult, index: WindowIndex) {
    this.read = read
    const records = inOffsetOrder(actual)
    this.records = records
    this.mapped = new Uint8Array(records.length)
    this.prev = new Int32Array(records.length)
    this.group = new Int32Array(records.length)
    this.lastOfKnown = new Int32Array(index.count).fill(-1)
    const unknown = new Map<string, number>()
    for (let o = 0; o < records.length; o++) {
      const record = records[o]
      if (record === undefined) continue
      const w = read(record)
      if (typeof w === 'string') {
        if (record.value !== null) this.unmapped.push({ at: position(record), reason: w })
        continue
      }
      this.mapped[o] = 1
      const i = index.find(w.key, w.start, w.end)
      if (i >= 0) {
        this.prev[o] = this.lastOfKnown[i] ?? -1
        this.lastOfKnown[i] = o
        this.group[o] = i
        continue
      }
      const id = windowId(w.key, w.start, w.end)
      let g = unknown.get(id)
      if (g === undefined) {
        unknown.set(id, (g = this.lastOfUnknown.length))
        this.lastOfUnknown.push(-1)
      }
      this.prev[o] = this.lastOfUnknown[g] ?? -1
      this.lastOfUnknown[g] = o
      this.group[o] = -1 - g
    }
  }

  /** the last output of window i of the index, or -1 */
  lastOf(i: number): number {
    return this.lastOfKnown[i] ?? -1
  }

  /** whether output o is not its window's first */
  hasEarlier(o: number): boolean {
    return (this.prev[o] ?? -1) >= 0
  }

  /** output o as a window result (it must be one: a number from this object) */
  output(o: number): Output {
    const record = this.records[o]
    const window = record === undefined ? undefined : this.read(record)
    if (record === undefined || window === undefined || typeof window === 'string') throw new Error(`output ${o} is not a window result`)
    return { window, tombstone: record.value === null, record }
  }

  /** the window value output o carries (undefined for a tombstone) */
  valueOf(o: number): unknown {
    const record = this.records[o]
    const w = record === undefined ? undefined : this.read(record)
    return typeof w === 'object' ? w.value : undefined
  }

  /** the outputs of the window whose last output is `last`, oldest first */
  chain(last: number): Output[] {
    const list: Output[] = []
    for (let o = last; o >= 0; o = this.prev[o] ?? -1) list.push(this.output(o))
    return list.reverse()
  }

  /** every window that has outputs, in the order of its first output, with its last output */
  *windows(): Generator<{ window: OutputWindow; last: number }> {
    for (let first = 0; first < this.records.length; first++) {
      if (this.mapped[first] === 0 || this.hasEarlier(first)) continue
      const g = this.group[first] ?? 0
      if (g >= 0) yield { window: { known: true, window: g }, last: this.lastOf(g) }
      else yield { window: { known: false }, last: this.lastOfUnknown[-1 - g] ?? -1 }
    }
  }
}

/** the records by partition, then offset (the input itself when it is in that order already) */
function inOffsetOrder(records: readonly CollectedRecord[]): readonly CollectedRecord[] {
  let before: CollectedRecord | undefined
  for (const r of records) {
    if (before !== undefined && byPartitionOffset(before, r) > 0) return [...records].sort(byPartitionOffset)
    before = r
  }
  return records
}
