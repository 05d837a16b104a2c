import type { MatcherState } from 'vitest'
import type { CorrelationSpec } from '../../oracle/correlate.ts'
import { judgeExactlyOnce } from '../../oracle/exactly-once.ts'
import type { PlanOp } from '../../replay/plan.ts'
import { heldMessage, seedOf, violationMessage, type MatchResult } from './message.ts'
import { asCollected } from './received.ts'

export interface ExactlyOnceOptions {
  /** how an output names its input: a path (default `headers.st-id`) or a function */
  id?: CorrelationSpec
  /** outputs expected per input id; a number for all, or a function (0 for filtered events); default 1 */
  expected?: number | ((id: string) => number)
  /** also check that outputs keep the per-key input order */
  ordered?: boolean
}

/** `expect(await collect(out)).toBeExactlyOnce(sent, { id: 'headers.st-id' })` */
export function toBeExactlyOnce(this: MatcherState, received: unknown, sent: readonly PlanOp[], options: ExactlyOnceOptions = {}): MatchResult {
  const output = asCollected(received, 'toBeExactlyOnce')
  if (!Array.isArray(sent)) throw new TypeError('toBeExactlyOnce(sent): pass what replay() returned (the produced operations)')
  const expected = options.expected
  const { violations } = judgeExactlyOnce({
    inputs: sent,
    output,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(expected !== undefined ? { expectedCount: typeof expected === 'number' ? () => expected : expected } : {}),
    ...(options.ordered === true ? { reordered: true } : {}),
  })
  const seed = seedOf(sent)
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? heldMessage(this, `exactly-once on ${output.topic}`, seed)
        : violationMessage(this, `expected ${output.topic} to hold every input exactly once`, violations, seed),
  }
}
