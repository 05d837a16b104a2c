import type { ProduceOp } from '../../replay/plan.ts'
import { InputError } from '../../errors.ts'
import { canonicalJson } from '../canonical.ts'
import { compilePath } from '../correlate.ts'
import type { WindowSpec } from './spec.ts'

/** How a window folds its records: the engine's initializer, aggregator and (session) merger. */
export interface Aggregator {
  init(): unknown
  add(acc: unknown, op: ProduceOp): unknown
  merge(a: unknown, b: unknown): unknown
}

/** The aggregator a spec names. Throws InputError when a record lacks the number sum/min/max need. */
export function makeAggregator(spec: WindowSpec): Aggregator {
  if (spec.aggregate === 'reduce') {
    const r = spec.reducer
    if (r === undefined) throw new InputError('aggregate: reduce needs a reducer', { path: 'reducer' })
    const init = typeof r.initial === 'function' ? (r.initial as () => unknown) : () => structuredClone(r.initial)
    const merge = r.merge
    return {
      init,
      add: (acc, op) => r.reduce(acc, op),
      merge: (a, b) => {
        if (merge === undefined) throw new InputError('session windows need reducer.merge', { path: 'reducer.merge' })
        return merge(a, b)
      },
    }
  }
  if (spec.aggregate === 'count') {
    return { init: () => 0, add: (acc) => (acc as number) + 1, merge: (a, b) => (a as number) + (b as number) }
  }
  const path = spec.valuePath ?? ''
  const read = compilePath(path)
  const num = (op: ProduceOp): number => {
    const v = read(op)
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new InputError(`${spec.aggregate} needs a number at ${path} of event ${op.id}`, {
        ...(op.source ? { file: op.source.file, line: op.source.line } : {}),
        path,
        expected: 'a number',
        found: canonicalJson(v),
      })
    }
    return n
  }
  if (spec.aggregate === 'sum') {
    return { init: () => 0, add: (acc, op) => (acc as number) + num(op), merge: (a, b) => (a as number) + (b as number) }
  }
  const pick = spec.aggregate === 'min' ? Math.min : Math.max
  const both = (a: unknown, b: unknown): unknown => (a === null ? b : b === null ? a : pick(a as number, b as number))
  return { init: () => null, add: (acc, op) => both(acc, num(op)), merge: both }
}

/** Folds records in order, from a fresh accumulator. */
export function fold(agg: Aggregator, ops: readonly ProduceOp[]): unknown {
  let acc = agg.init()
  for (const op of ops) acc = agg.add(acc, op)
  return acc
}

/**
 * Whether an output value equals an expected one: numbers within a relative 1e-9 (sums of floats depend
 * on the order the engine added them), numeric strings as numbers, everything else as canonical JSON.
 */
export function sameValue(expected: unknown, actual: unknown): boolean {
  const a = typeof actual === 'string' && typeof expected === 'number' && actual.trim() !== '' ? Number(actual) : actual
  if (typeof expected === 'number' && typeof a === 'number') {
    if (expected === a) return true
    return Math.abs(expected - a) <= 1e-9 * Math.max(1, Math.abs(expected), Math.abs(a))
  }
  return canonicalJson(expected) === canonicalJson(a)
}
