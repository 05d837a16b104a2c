import type { Note, Violation } from '../oracle/violation.ts'

export type Verdict = 'pass' | 'fail' | 'error'

export interface Expectation {
  verdict: Verdict
  /** violation kinds that must all be reported (for `fail`) */
  violations: string[]
}

export interface CrashRecord {
  /** plan position after which the SUT was killed */
  afterSeq: number
  /** output records visible (read_uncommitted) at the moment of the kill */
  outputsAtKill: number
  /** what the kill waited for: the event's output, its committed offset, or the time bound */
  trigger?: 'output-visible' | 'offset-committed' | 'bound'
}

/** One scenario's outcome, as the reporters receive it. */
export interface ScenarioResult {
  name: string
  file: string
  verdict: Verdict
  expect: Expectation
  /** true when the verdict (and violation kinds) are what the scenario expected */
  asExpected: boolean
  violations: Violation[]
  notes: Note[]
  /** one line: why the harness could not judge (verdict `error`) */
  error?: string
  seed: number
  durationMs: number
  /** the command that repeats this scenario alone */
  repeat: string
  crashes: CrashRecord[]
  /** last lines of the SUT's stdout/stderr, shown on failure */
  sutOutput: string[]
  /** time spent per phase, ms (sut-start, replay, quiescence, collect, judge) */
  phases: Record<string, number>
}
