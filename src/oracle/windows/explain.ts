import type { ProduceOp } from '../../replay/plan.ts'
import { sameValue } from './aggregate.ts'
import type { ExpectedWindow, ExpectedWindows } from './expected-types.ts'

/** Windows with more records than this are not searched for a single missing record. */
const SEARCH_LIMIT = 2000

export interface Explanation {
  kind: 'late-included' | 'late-dropped' | 'wrong-value'
  /** the records that explain the difference (all members for an unexplained wrong value) */
  culprits: ProduceOp[]
  reason: string
}

/**
 * Why an output value differs from the expected one: it equals the value with records the engine must
 * drop (all of them, or one), or without on-time records (those kept only by grace, or one); else it is
 * just wrong.
 */
export function explain(exp: ExpectedWindows, w: ExpectedWindow, actual: unknown): Explanation {
  const value = (ops: readonly ProduceOp[]) => exp.aggregate(ops)
  if (w.dropped.length > 0) {
    if (sameValue(value([...w.members, ...w.dropped]), actual)) {
      return { kind: 'late-included', culprits: w.dropped, reason: 'it counts records the engine must drop as late' }
    }
    if (w.members.length + 1 <= SEARCH_LIMIT) {
      for (const d of w.dropped) {
        if (sameValue(value([...w.members, d]), actual)) {
          return { kind: 'late-included', culprits: [d], reason: 'it counts a record the engine must drop as late' }
        }
      }
    }
  }
  if (w.graceMembers.length > 0 && w.graceMembers.length < w.members.length) {
    const grace = new Set(w.graceMembers)
    if (sameValue(value(w.members.filter((m) => !grace.has(m))), actual)) {
      return {
        kind: 'late-dropped',
        culprits: w.graceMembers,
        reason: 'it lacks the records that are on time only thanks to the grace period / allowed lateness',
      }
    }
  }
  if (w.members.length > 1 && w.members.length <= SEARCH_LIMIT) {
    // prefer records that arrived out of order: those are the ones a buggy engine drops
    const grace = new Set(w.graceMembers)
    const rank = (op: ProduceOp) => (grace.has(op) ? 2 : 0) + (op.late ? 1 : 0)
    const order = [...w.members].sort((a, b) => rank(b) - rank(a))
    for (const m of order) {
      if (sameValue(value(w.members.filter((x) => x !== m)), actual)) {
        return { kind: 'late-dropped', culprits: [m], reason: 'it lacks an on-time record' }
      }
    }
  }
  return { kind: 'wrong-value', culprits: w.members, reason: 'the value does not match' }
}

export function whereOf(ops: readonly ProduceOp[]): string[] {
  const out: string[] = []
  for (const op of ops) if (op.source) out.push(`${op.source.file}:${op.source.line}`)
  return [...new Set(out)]
}

export function idsOf(ops: readonly ProduceOp[]): string[] {
  return [...new Set(ops.map((op) => op.id))]
}
