import type { MatcherState } from 'vitest'
import { expectedWindows, judgeWindows } from '../../oracle/windows/index.ts'
import type { PlanOp, ProduceOp } from '../../replay/plan.ts'
import { heldMessage, seedOf, violationMessage, type MatchResult } from './message.ts'
import { asCollected } from './received.ts'
import { toWindowSpec, type WindowsOptions } from './window-options.ts'

/**
 * `expect(await collect(counts)).toMatchWindows(sent, { profile, window, aggregate, emit, map })`: the
 * window results equal what the reference engine computes from the replayed plan (arrival order per
 * partition included). Windows whose result depends on timing (Flink) are notes, not failures.
 */
export function toMatchWindows(this: MatcherState, received: unknown, sent: readonly PlanOp[], options: WindowsOptions): MatchResult {
  const output = asCollected(received, 'toMatchWindows')
  if (!Array.isArray(sent)) throw new TypeError('toMatchWindows(sent, options): pass what replay() returned')
  const ops = sent.filter((op): op is ProduceOp => op.kind === 'produce').sort((a, b) => a.seq - b.seq)
  const expected = expectedWindows(ops, toWindowSpec(options))
  const { violations, notes } = judgeWindows(expected, output.committed, options.map)
  const seed = seedOf(sent)
  const noted = notes.length > 0 ? `\n  notes (not failures): ${notes.map((n) => `${n.kind}: ${n.message}`).slice(0, 5).join('; ')}` : ''
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? heldMessage(this, `the ${options.profile} windows on ${output.topic}`, seed)
        : violationMessage(this, `expected ${output.topic} to hold the ${options.profile} window results`, violations, seed) + noted,
  }
}
