import type { MatcherState } from 'vitest'
import type { Violation } from '../../oracle/violation.ts'
import { paint } from '../../report/ansi.ts'
import { kindTally, renderViolation } from '../../report/render-violation.ts'
import { plural } from '../../text/index.ts'
import { repeatHint } from '../repeat.ts'

const MAX_SHOWN = 10

/**
 * A failure message like the CLI report: a headline, the violations (kind, oracle, ids, where,
 * expected vs actual), and the seed with how to repeat the test.
 */
export function violationMessage(state: MatcherState, headline: string, violations: readonly Violation[], seed: number | undefined): string {
  const p = paint(false)
  const lines = [`${headline}: ${plural(violations.length, 'violation')} (${kindTally(violations)})`]
  violations.slice(0, MAX_SHOWN).forEach((v, i) => lines.push(...renderViolation(v, i + 1, p)))
  if (violations.length > MAX_SHOWN) lines.push(`  … and ${plural(violations.length - MAX_SHOWN, 'more violation')}`)
  lines.push(...seedLines(state, seed))
  return lines.join('\n')
}

/** For `.not`: the property held, but the test said it would not. */
export function heldMessage(state: MatcherState, what: string, seed: number | undefined): string {
  return [`expected violations of ${what}, but there were none`, ...seedLines(state, seed)].join('\n')
}

function seedLines(state: MatcherState, seed: number | undefined): string[] {
  if (seed === undefined) return []
  return [`  seed: ${seed}`, `  ${repeatHint(state.testPath, state.currentTestName, seed)}`]
}

/** The seed replay() attached to what it returned, if the argument came from replay(). */
export function seedOf(sent: unknown): number | undefined {
  const seed = (sent as { seed?: unknown } | null)?.seed
  return typeof seed === 'number' ? seed : undefined
}

/** What a matcher returns to vitest. */
export interface MatchResult {
  pass: boolean
  message: () => string
}
