import type { z } from 'zod'
import type { InputErrorDetail } from '../errors.ts'

export type IssuePath = readonly PropertyKey[]

/** One problem in a scenario, as data; `reason` + `detail` become one line of the InputError. */
export interface ScenarioIssue {
  reason: string
  path: (string | number)[]
  detail: InputErrorDetail
}

/** `perturb[1].duplicate.rate` */
export function formatPath(path: IssuePath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(seg))) out += out === '' ? String(seg) : `.${String(seg)}`
    else out += `[${JSON.stringify(String(seg))}]`
  }
  return out
}

/** The raw value at `path`, or undefined. */
export function valueAt(root: unknown, path: IssuePath): unknown {
  let v = root
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[seg]
  }
  return v
}

/** A short description of a value for `found ...`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null (empty)'
  if (typeof v === 'string') return v.length > 60 ? `${JSON.stringify(v.slice(0, 57))}...` : JSON.stringify(v)
  if (typeof v === 'function') return 'a function'
  if (Array.isArray(v)) return `a list of ${v.length}`
  if (typeof v === 'object') {
    const keys = Object.keys(v)
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.join(', ')}`
  }
  return String(v)
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object (key: value)',
  array: 'a list',
  record: 'an object (key: value)',
  function: 'a function',
}

function bound(iss: { origin: string; inclusive?: boolean }, dir: 'min' | 'max', n: unknown): string {
  const op = dir === 'min' ? (iss.inclusive ? '>=' : '>') : iss.inclusive ? '<=' : '<'
  if (iss.origin === 'array' || iss.origin === 'set')
    return dir === 'min' ? `at least ${String(n)} item(s)` : `at most ${String(n)} item(s)`
  if (iss.origin === 'string')
    return dir === 'min' ? (n === 1 ? 'a non-empty string' : `at least ${String(n)} characters`) : `at most ${String(n)} characters`
  return `a number ${op} ${String(n)}`
}

/** Turn a zod issue into what was wrong, what was expected and what was found. */
export interface DescribedIssue {
  reason: string
  path: (string | number)[]
  expected: string
  found: string
  /** the problem is the key itself (an unknown name), not its value */
  atKey?: true
}

export function describeIssue(iss: z.core.$ZodIssue, root: unknown): DescribedIssue {
  const path = iss.path.map((p) => (typeof p === 'number' ? p : String(p)))
  const value = valueAt(root, path)
  const params = (iss as { params?: { found?: string; reason?: string; atKey?: true } }).params
  switch (iss.code) {
    case 'invalid_type':
      return {
        reason: value === undefined ? 'missing' : 'wrong type',
        path,
        expected: TYPE_NAMES[iss.expected] ?? iss.expected,
        found: describe(value),
      }
    case 'too_small':
      return { reason: 'too small', path, expected: bound(iss, 'min', iss.minimum), found: describe(value) }
    case 'too_big':
      return { reason: 'too big', path, expected: bound(iss, 'max', iss.maximum), found: describe(value) }
    case 'invalid_value':
      return {
        reason: 'not a known value',
        path,
        expected: iss.values.length === 1 ? describe(iss.values[0]) : `one of ${iss.values.map((v) => String(v)).join(', ')}`,
        found: describe(value),
      }
    case 'unrecognized_keys':
      return {
        reason: iss.keys.length === 1 ? 'unknown key' : 'unknown keys',
        path: [...path, iss.keys[0] as string],
        expected: iss.message,
        found: iss.keys.map((k) => JSON.stringify(k)).join(', '),
        atKey: true,
      }
    case 'invalid_key':
      return { reason: 'invalid name', path, expected: iss.issues[0]?.message ?? iss.message, found: describe(path.at(-1)) }
    case 'custom':
      return {
        reason: params?.reason ?? (value === undefined && params?.found === undefined ? 'missing' : 'invalid'),
        path,
        expected: iss.message,
        found: params?.found ?? describe(value),
        ...(params?.atKey ? { atKey: true as const } : {}),
      }
    default:
      return { reason: 'invalid', path, expected: iss.message, found: describe(value) }
  }
}
