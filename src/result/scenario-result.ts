import type { Note, Violation } from '../oracle/violation.ts'
import type { FaultRecord } from '../faults/index.ts'
import type { FaultKind } from '../perturb/step.ts'

export type Verdict = 'pass' | 'fail' | 'error'

export interface Expectation {
  verdict: Verdict
  /** violation kinds that must all be reported (for `fail`) */
  violations: string[]
}

/** A fault step as it was carried out (kill, pause, scale, broker restart). */
export type CrashRecord = FaultRecord

/** One produce op of the plan, as the HTML report plots it (arrival order vs event time). */
export interface TimelineEvent {
  kind: 'produce'
  /** plan position (arrival order) */
  seq: number
  topic: string
  partition: number
  /** event time, ms */
  ts: number
  /** stream time of the topic-partition after this event: the largest ts seen so far, this one included */
  streamTime: number
  id: string
  /** 0 for the original, 1.. for duplicated copies */
  copy: number
  /** moved late by the `late` perturbation */
  late?: true
  /** judged late by an oracle: a correct engine drops it (the windows oracle's late records) */
  judgedLate?: true
  /** fixture line, `file:line` */
  where?: string
}

/** A fault step of the plan. */
export interface TimelineFault {
  kind: FaultKind
  seq: number
}

export type TimelinePoint = TimelineEvent | TimelineFault

/** The plan as plain data for plotting; `total` > the events kept when it was sampled down. */
export interface Timeline {
  points: TimelinePoint[]
  /** produce ops in the plan */
  total: number
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
  /** the perturbed plan's ops for the HTML report's timeline (sampled evenly past a cap) */
  timeline?: Timeline
}
