import type { ProduceOp } from '../../replay/plan.ts'

/**
 * The record lists of many windows in two flat typed arrays, records named by their index in `ops`.
 * A list is the index of its newest entry (-1: empty) and each entry links to the one before it, so a
 * window's list costs one number, not an array: a million windows of one or two records each would
 * otherwise be a million small arrays.
 */
export class RecordChains {
  private at: Int32Array
  private prev: Int32Array
  private n = 0

  private readonly ops: readonly ProduceOp[]

  /** `capacity`: entries before the arrays grow */
  constructor(ops: readonly ProduceOp[], capacity = 1024) {
    this.ops = ops
    this.at = new Int32Array(Math.max(16, capacity))
    this.prev = new Int32Array(Math.max(16, capacity))
  }

  /** The list `head` with ops[`op`] appended; `head` itself stays valid (lists share their older entries). */
  push(head: number, op: number): number {
    const e = this.n++
    if (e === this.at.length) {
      const at = new Int32Array(e * 2)
      at.set(this.at)
      this.at = at
      const prev = new Int32Array(e * 2)
      prev.set(this.prev)
      this.prev = prev
    }
    this.at[e] = op
    this.prev[e] = head
    return e
  }

  /** The list `head` as an array, oldest record first. */
  toArray(head: number): ProduceOp[] {
    let n = 0
    for (let e = head; e >= 0; e = this.prev[e] ?? -1) n++
    const out = new Array<ProduceOp>(n)
    for (let e = head; e >= 0; e = this.prev[e] ?? -1) {
      const op = this.ops[this.at[e] ?? -1]
      if (op === undefined) throw new Error(`record chain entry ${e} names no input record`)
      out[--n] = op
    }
    return out
  }
}
