import type { ScenarioResult } from '../result/index.ts'

/** What the whole run came to; handed to `Reporter.finish`. */
export interface RunSummary {
  seed: number
  durationMs: number
  /** scenarios whose outcome was what they expected (an expected fail that was caught counts here) */
  passed: number
  /** scenarios that did not meet their expectation, verdict `pass` or `fail` */
  failed: number
  /** scenarios the harness could not judge (verdict `error`), unexpectedly */
  errored: number
  /** the command that repeats the whole run, e.g. `npx stream-test run a.scenario.yaml --seed 7` */
  command: string
}

/** Turns scenario results into output for people (console, HTML) or machines (JSON, JUnit XML). */
export interface Reporter {
  onStart?(files: string[], seed: number): void
  onScenarioStart?(file: string, name: string): void
  /** a property or sweep's progress: run i of n, or shrink step i of the budget; `file` says whose when several run at once */
  onScenarioProgress?(index: number, total: number, phase: 'run' | 'shrink', file?: string): void
  onScenarioEnd?(result: ScenarioResult): void
  /** the final report text; the caller writes it where it belongs (stdout, a file) */
  finish(results: ScenarioResult[], summary: RunSummary): string
}

export type ReporterKind = 'console' | 'json' | 'junit' | 'html'

export interface ReporterOptions {
  /** ANSI colors; default: the stream is a TTY and NO_COLOR is not set */
  color?: boolean
  /** where live progress lines go; default process.stdout */
  stream?: NodeJS.WritableStream
}
