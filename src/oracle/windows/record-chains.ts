import type { ProduceOp } from '../../replay/plan.ts'

/**
 * The record lists of many windows in two flat arrays. A list is the index of its newest entry (-1: empty)
 * and each entry links to the one before it, so a window's list costs one number, not an array: a
 * million windows of one or two records each would otherwise be a million small arrays.
 */
export class RecordChains {
  private readonly ops: ProduceOp[] = []
  private readonly prev: number[] = []

  /** The list `head` with `op` appended; `head` itself stays valid (lists share their older entries). */
  push(head: number, op: ProduceOp): number {
    this.ops.push(op)
    this.prev.push(head)
    return this.ops.length - 1
  }

  /** The list `head` as an array, oldest record first. */
  toArray(head: number): ProduceOp[] {
    let n = 0
    for (let e = head; e >= 0; e = this.prev[e] as number) n++
    const out = new Array<ProduceOp>(n)
    for (let e = head; e >= 0; e = this.prev[e] as number) out[--n] = this.ops[e] as ProduceOp
    return out
  }
}
