import type { CollectedRecord } from '../collect/record.ts'
import { InputError } from '../errors.ts'
import { canonicalJson } from './canonical.ts'

/** The parts of a record a path can name. */
export interface PathTarget {
  key: string | null
  value: unknown
  headers: Record<string, string>
}

/** How an output names the input it came from: a path (`headers.st-id`, `key`, `value.orderId`) or a function. */
export type CorrelationSpec = string | ((r: CollectedRecord) => string | undefined)

export const DEFAULT_ID_PATH = 'headers.st-id'

/**
 * Reads a path from a record. The first segment is `key`, `value` or `headers`.
 * - `headers.<name>`: the rest of the path is the header name as-is, dots included (`headers.st-id`).
 * - `key.a`, `value.a.b`, `value.items.0`, `value.items[0]`: walks objects and arrays. A string met
 *   on the way (a JSON key, or a value of a string topic) is parsed as JSON when the path goes on.
 * Returns undefined when the path does not exist in this record.
 */
export function getPath(record: PathTarget, path: string): unknown {
  return compilePath(path)(record)
}

/** getPath with the path parsed once: use it when reading the same path from many records. */
export function compilePath(path: string): (record: PathTarget) => unknown {
  const { root, rest } = splitRoot(path)
  if (root === 'headers') return rest === '' ? (r) => r.headers : (r) => r.headers[rest]
  const walk = segments(rest)
  return (record) => {
    let current: unknown = root === 'key' ? record.key : record.value
    for (const segment of walk) {
      if (typeof current === 'string') current = parseJson(current)
      if (current === null || typeof current !== 'object') return undefined
      current = Array.isArray(current) ? current[Number(segment)] : (current as Record<string, unknown>)[segment]
      if (current === undefined) return undefined
    }
    return current
  }
}

/** Throws InputError unless `path` starts with `key`, `value` or `headers`. */
export function checkPath(path: string): void {
  splitRoot(path)
}

/**
 * Turns a correlation spec into a function from an output record to an id, or undefined when the record
 * carries none. Non-string values become ids as text: numbers and booleans with String(), objects as
 * canonical JSON, so `value.orderId: 17` and the input id `"17"` match.
 */
export function correlationFn(spec: CorrelationSpec): (r: CollectedRecord) => string | undefined {
  if (typeof spec === 'function') return spec
  const read = compilePath(spec)
  return (r) => idText(read(r))
}

/** An id as text, or undefined for a missing/null value. */
export function idText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v)
  return canonicalJson(v)
}

function splitRoot(path: string): { root: 'key' | 'value' | 'headers'; rest: string } {
  const dot = path.indexOf('.')
  const bracket = path.indexOf('[')
  const end = [dot, bracket].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), path.length)
  const root = path.slice(0, end)
  if (root !== 'key' && root !== 'value' && root !== 'headers') {
    throw new InputError(`bad id path "${path}"`, {
      path,
      expected: 'a path starting with key, value or headers (e.g. headers.st-id, value.orderId)',
      found: JSON.stringify(root),
    })
  }
  const rest = path.slice(end).replace(/^\./, '')
  if (root === 'headers' && rest === '' && end < path.length) {
    throw new InputError(`bad id path "${path}"`, { path, expected: 'headers.<name>', found: path })
  }
  return { root, rest }
}

/** `a.b[0].c` → ['a', 'b', '0', 'c'] */
function segments(rest: string): string[] {
  return rest
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
