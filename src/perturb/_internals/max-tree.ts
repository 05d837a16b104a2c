/** A segment tree of maxima over a fixed array: the first index >= from whose value is >= min. */
export class MaxTree {
  private readonly size: number
  private readonly tree: Float64Array

  constructor(values: readonly number[]) {
    this.size = Math.max(1, values.length)
    this.tree = new Float64Array(4 * this.size).fill(-Infinity)
    if (values.length > 0) this.build(1, 0, this.size - 1, values)
  }

  /** -1 when no index >= from has a value >= min */
  firstAtLeast(from: number, min: number): number {
    return this.find(1, 0, this.size - 1, from, min)
  }

  private build(node: number, lo: number, hi: number, values: readonly number[]): void {
    if (lo === hi) {
      this.tree[node] = values[lo] ?? -Infinity
      return
    }
    const mid = (lo + hi) >> 1
    this.build(2 * node, lo, mid, values)
    this.build(2 * node + 1, mid + 1, hi, values)
    this.tree[node] = Math.max(this.tree[2 * node]!, this.tree[2 * node + 1]!)
  }

  private find(node: number, lo: number, hi: number, from: number, min: number): number {
    if (hi < from || this.tree[node]! < min) return -1
    if (lo === hi) return lo
    const mid = (lo + hi) >> 1
    const left = this.find(2 * node, lo, mid, from, min)
    return left !== -1 ? left : this.find(2 * node + 1, mid + 1, hi, from, min)
  }
}
