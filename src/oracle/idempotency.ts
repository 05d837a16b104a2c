import type { CollectedRecord } from '../collect/record.ts'
import { canonicalJson } from './canonical.ts'
import { compilePath, idText } from './correlate.ts'
import { byPartitionOffset } from './format.ts'
import type { OracleResult, Violation } from './violation.ts'

export const IDEMPOTENCY = 'idempotency'

/** Final state as the last value per key (of an output topic, or of any keyed sink). */
export type KeyedState = ReadonlyMap<string, unknown>
/** Final state as rows (of a SQL query): a multiset, or a sequence when `ordered`. */
export type RowState = ReadonlyArray<Record<string, unknown>>
export type State = KeyedState | RowState

export interface IdempotencyInput {
  /** state after the perturbed run (replays, duplicates) */
  perturbed: State
  /** state after one clean run of the de-duplicated stream */
  clean: State
  /** what the state is, for messages: `topic enriched`, `sql select id, total from sink` */
  what: string
  /** rows only: the order of rows matters too (the query has an ORDER BY that defines the result) */
  ordered?: boolean
}

/**
 * Replaying input the SUT has already seen must not change the final state. Compares the perturbed
 * run's final state with the clean run's; values and rows are compared as canonical JSON (object key
 * order does not matter, types do: 1 and "1" differ).
 * Keyed: `changed-value` (expected = clean, actual = perturbed), `extra-key`, `missing-key`.
 * Rows: `extra-row`, `missing-row` (count per distinct row; ids = the row as canonical JSON); with
 * `ordered`, rows that are the same multiset in another order give one `row-order` violation.
 */
export function judgeIdempotency(input: IdempotencyInput): OracleResult {
  const { perturbed, clean, what } = input
  if (perturbed instanceof Map && clean instanceof Map) return { violations: compareKeyed(perturbed, clean, what), notes: [] }
  if (Array.isArray(perturbed) && Array.isArray(clean)) {
    return { violations: compareRows(perturbed, clean, what, input.ordered === true), notes: [] }
  }
  throw new TypeError(`idempotency (${what}): perturbed and clean states must both be keyed (Map) or both rows (array)`)
}

function compareKeyed(perturbed: KeyedState, clean: KeyedState, what: string): Violation[] {
  const out: Violation[] = []
  for (const [key, expected] of clean) {
    if (!perturbed.has(key)) {
      out.push({
        oracle: IDEMPOTENCY, kind: 'missing-key', ids: [key], where: [], expected,
        message: `${what}: key ${key} is missing after the perturbed run; the clean run has ${brief(expected)}`,
      })
      continue
    }
    const actual = perturbed.get(key)
    if (canonicalJson(actual) !== canonicalJson(expected)) {
      out.push({
        oracle: IDEMPOTENCY, kind: 'changed-value', ids: [key], where: [], expected, actual,
        message: `${what}: key ${key} is ${brief(actual)} after the perturbed run, ${brief(expected)} after the clean run`,
      })
    }
  }
  for (const [key, actual] of perturbed) {
    if (clean.has(key)) continue
    out.push({
      oracle: IDEMPOTENCY, kind: 'extra-key', ids: [key], where: [], actual,
      message: `${what}: key ${key} exists only after the perturbed run, with ${brief(actual)}`,
    })
  }
  return out
}

function compareRows(perturbed: RowState, clean: RowState, what: string, ordered: boolean): Violation[] {
  const p = perturbed.map(canonicalJson)
  const c = clean.map(canonicalJson)
  const pCount = countOf(p)
  const cCount = countOf(c)
  const out: Violation[] = []
  for (const [row, expected] of cCount) {
    const actual = pCount.get(row) ?? 0
    if (actual < expected) out.push(rowViolation('missing-row', row, expected, actual, what))
  }
  for (const [row, actual] of pCount) {
    const expected = cCount.get(row) ?? 0
    if (actual > expected) out.push(rowViolation('extra-row', row, expected, actual, what))
  }
  if (ordered && out.length === 0) {
    const i = c.findIndex((row, j) => p[j] !== row)
    if (i >= 0) {
      out.push({
        oracle: IDEMPOTENCY, kind: 'row-order', ids: [c[i]!, p[i]!], where: [], expected: clean[i], actual: perturbed[i],
        message: `${what}: same rows in another order; row ${i} is ${cut(p[i]!)} after the perturbed run, ${cut(c[i]!)} after the clean run`,
      })
    }
  }
  return out
}

function rowViolation(kind: 'missing-row' | 'extra-row', row: string, expected: number, actual: number, what: string): Violation {
  return {
    oracle: IDEMPOTENCY, kind, ids: [row], where: [], expected, actual,
    message: `${what}: row ${cut(row)} appears ${times(actual)} after the perturbed run, ${times(expected)} after the clean run`,
  }
}

export interface LastValueOptions {
  /** path of the key (`key`, `value.orderId`, `headers.x`); default `key` */
  key?: string
  /** a null value deletes the key, as log compaction does (default true) */
  tombstones?: boolean
}

/**
 * The last value per key of an output topic. Within a partition the record with the highest offset
 * wins. A key written to more than one partition (a SUT that re-keyed or re-partitioned) takes the
 * last record of the partition whose last record has the latest timestamp (ties: higher partition).
 * Records without a key are skipped: they have no "last value". Keys iterate in log order.
 */
export function lastValuePerKey(records: readonly CollectedRecord[], options: LastValueOptions = {}): Map<string, unknown> {
  const keyOf = compilePath(options.key ?? 'key')
  const tombstones = options.tombstones ?? true
  // per key, the last record of each partition: log order, so a later offset overwrites
  const perKey = new Map<string, Map<number, CollectedRecord>>()
  for (const r of [...records].sort(byPartitionOffset)) {
    const key = idText(keyOf(r))
    if (key === undefined) continue
    let parts = perKey.get(key)
    if (parts === undefined) perKey.set(key, (parts = new Map()))
    parts.set(r.partition, r)
  }
  const state = new Map<string, unknown>()
  for (const [key, parts] of perKey) {
    let last: CollectedRecord | undefined
    for (const r of parts.values()) if (last === undefined || r.ts > last.ts || (r.ts === last.ts && r.partition > last.partition)) last = r
    if (last !== undefined && !(tombstones && last.value === null)) state.set(key, last.value)
  }
  return state
}

function countOf(rows: readonly string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const r of rows) m.set(r, (m.get(r) ?? 0) + 1)
  return m
}

/** A value for a message line: canonical JSON, cut at 120 characters. */
function brief(v: unknown): string {
  return cut(canonicalJson(v))
}

function cut(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

function times(n: number): string {
  return n === 1 ? '1 time' : `${n} times`
}
