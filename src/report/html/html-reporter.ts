import type { ScenarioResult } from '../../result/index.ts'
import type { Reporter, RunSummary } from '../reporter.ts'
import { renderHtmlReport } from './render-page.ts'

/**
 * `--reporter html --out report.html`: nothing while running; `finish` returns one self-contained
 * HTML document (verdicts, violations, a timeline plot per scenario; open it without a network).
 */
export class HtmlReporter implements Reporter {
  finish(results: ScenarioResult[], summary: RunSummary): string {
    return renderHtmlReport(results, summary)
  }
}
