import type { ScenarioResult } from '../result/index.ts'

/** How a scenario counts for the suite: an expected failure that was caught is `passed`. */
export type Outcome = 'passed' | 'failed' | 'errored'

export function outcomeOf(r: ScenarioResult): Outcome {
  if (r.asExpected) return 'passed'
  return r.verdict === 'error' ? 'errored' : 'failed'
}

export interface OutcomeCounts {
  passed: number
  failed: number
  errored: number
}

export function countOutcomes(results: readonly ScenarioResult[]): OutcomeCounts {
  const counts: OutcomeCounts = { passed: 0, failed: 0, errored: 0 }
  for (const r of results) counts[outcomeOf(r)]++
  return counts
}

/** `(expected fail: duplicated, lost — caught)` for a scenario that failed the way it meant to; else undefined. */
export function expectedFailLabel(r: ScenarioResult): string | undefined {
  if (!r.asExpected || r.verdict === 'pass') return undefined
  const kinds = r.expect.violations.length > 0 ? `: ${r.expect.violations.join(', ')}` : ''
  return `(expected ${r.verdict}${kinds} — caught)`
}
