import type { CollectedRecord } from '../collect/record.ts'
import type { InputInfo } from './exactly-once.ts'
import { byPartitionOffset, shortList } from './format.ts'
import type { Note, OracleResult, Violation } from './violation.ts'

/**
 * `reordered`: per input key, the committed outputs — in offset order, first output per id — must name
 * the ids in the order their first copy arrived in the plan. Keys are the input records' keys (a SUT may
 * re-key its output; what it promises is to keep the order it consumed). Only ids that are expected and
 * have committed output take part: a lost or duplicated id is reported as such, not again as reordered.
 * Null keys are skipped (Kafka spreads them over partitions, so they have no order). A key whose outputs
 * span partitions has no total order either: it gets a note, not a violation.
 * The violation names the ids out of place: those outside a longest run that is in input order.
 */
export function judgeOrder(
  inputs: ReadonlyMap<string, InputInfo>,
  committedById: ReadonlyMap<string, CollectedRecord[]>,
  expectedCount: (id: string) => number,
): OracleResult {
  const byKey = new Map<string, InputInfo[]>()
  for (const info of inputs.values()) {
    if (info.key === null || expectedCount(info.id) < 1 || !committedById.has(info.id)) continue
    const list = byKey.get(info.key)
    if (list === undefined) byKey.set(info.key, [info])
    else list.push(info)
  }

  const violations: Violation[] = []
  const notes: Note[] = []
  for (const [key, infos] of byKey) {
    if (infos.length < 2) continue
    const records: Array<{ id: string; r: CollectedRecord }> = []
    for (const info of infos) for (const r of committedById.get(info.id) ?? []) records.push({ id: info.id, r })
    const partitions = new Set(records.map((x) => x.r.partition))
    if (partitions.size > 1) {
      notes.push({
        oracle: 'exactly-once', kind: 'order-undefined',
        message: `key ${key}: outputs span partitions ${[...partitions].sort((a, b) => a - b).join(', ')}, so their order is not checked`,
        detail: { key, partitions: [...partitions].sort((a, b) => a - b) },
      })
      continue
    }
    records.sort((a, b) => byPartitionOffset(a.r, b.r))
    const actual: string[] = []
    const seen = new Set<string>()
    for (const { id } of records) {
      if (!seen.has(id)) {
        seen.add(id)
        actual.push(id)
      }
    }
    const expected = infos.map((i) => i.id)
    if (expected.every((id, i) => actual[i] === id)) continue

    const rank = new Map(expected.map((id, i) => [id, i]))
    const inOrder = longestIncreasing(actual.map((id) => rank.get(id) ?? 0))
    const misplaced = actual.filter((_, i) => !inOrder.has(i))
    const where = [...new Set(misplaced.flatMap((id) => inputs.get(id)?.where ?? []))]
    violations.push({
      oracle: 'exactly-once', kind: 'reordered', ids: misplaced, where, expected, actual,
      message:
        `key ${key}: outputs in order ${shortList(actual, 10)}; input order ${shortList(expected, 10)}` +
        ` (out of place: ${shortList(misplaced, 10)})`,
    })
  }
  return { violations, notes }
}

/** Indexes of one longest strictly increasing subsequence of `xs` (O(n log n)). */
export function longestIncreasing(xs: readonly number[]): Set<number> {
  const tails: number[] = [] // tails[k]: index in xs of the smallest tail of an increasing run of length k+1
  const prev: number[] = new Array<number>(xs.length).fill(-1)
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (xs[tails[mid]!]! < x) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) prev[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const out = new Set<number>()
  for (let i = tails.length > 0 ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out.add(i)
  return out
}
