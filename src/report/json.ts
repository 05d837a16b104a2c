import type { ScenarioResult } from '../result/index.ts'
import type { Reporter, RunSummary } from './reporter.ts'

/** The JSON report: one document for the whole run. */
export interface JsonReport {
  seed: number
  durationMs: number
  summary: { total: number; passed: number; failed: number; errored: number; command: string }
  scenarios: ScenarioResult[]
}

/** Machine output: nothing while running, one JSON document (ending with a newline) from `finish`. */
export class JsonReporter implements Reporter {
  finish(results: ScenarioResult[], summary: RunSummary): string {
    const report: JsonReport = {
      seed: summary.seed,
      durationMs: summary.durationMs,
      summary: {
        total: results.length,
        passed: summary.passed,
        failed: summary.failed,
        errored: summary.errored,
        command: summary.command,
      },
      scenarios: results,
    }
    return `${JSON.stringify(report, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
  }
}
