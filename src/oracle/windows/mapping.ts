import type { CollectedRecord } from '../../collect/record.ts'
import { compilePath } from '../correlate.ts'

/** One output record read as a window result. `value: undefined` with a null record value is a tombstone. */
export interface MappedWindow {
  key: string
  start: number
  end: number
  value: unknown
}

/**
 * Where the window key, start, end and result are in an output record: paths (`value.windowStart`,
 * `key`, `headers.x`), or a function (TS scenarios) that returns null for records that are not results.
 */
export type WindowMapping =
  | { key: string; start: string; end: string; value: string }
  | ((r: CollectedRecord) => MappedWindow | null | undefined)

/** The record read as a window result, or why it is not one. A record with a null value is a tombstone. */
export type ReadResult = MappedWindow | string

export function windowReader(mapping: WindowMapping): (r: CollectedRecord) => ReadResult {
  if (typeof mapping === 'function') {
    return (r) => mapping(r) ?? 'the mapping function returned nothing'
  }
  const key = compilePath(mapping.key)
  const start = compilePath(mapping.start)
  const end = compilePath(mapping.end)
  const value = compilePath(mapping.value)
  return (r) => {
    const k = key(r)
    const s = time(start(r))
    const e = time(end(r))
    if (k === undefined || k === null) return `no key at ${mapping.key}`
    if (s === undefined) return `no window start (a number or date) at ${mapping.start}`
    if (e === undefined) return `no window end (a number or date) at ${mapping.end}`
    return { key: String(k), start: s, end: e, value: r.value === null ? undefined : value(r) }
  }
}

/** ms from a number, a numeric string or an ISO date string */
function time(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    if (Number.isFinite(n)) return n
    const d = Date.parse(v)
    if (Number.isFinite(d)) return d
  }
  return undefined
}
