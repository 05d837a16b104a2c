import type { ScenarioResult } from '../result/index.ts'
import { paint } from './ansi.ts'
import { expectedFailLabel, outcomeOf } from './outcome.ts'
import { mismatch, renderDetails } from './render-details.ts'
import { renderCrash, renderNote } from './render-violation.ts'
import type { Reporter, RunSummary } from './reporter.ts'
import { openTag, xmlText } from './xml.ts'

const plain = paint(false)

/**
 * JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one `<testsuite>` per scenario file,
 * one `<testcase>` per scenario (classname = the file). An unexpected outcome is a `<failure>` (verdict
 * fail, or pass when a failure was expected) or an `<error>` (verdict error) whose text is the rendered
 * violations; an expected failure that was caught is a passing testcase, said so in `<system-out>`,
 * which also carries the seed and the command that repeats the scenario.
 */
export class JunitReporter implements Reporter {
  finish(results: ScenarioResult[], summary: RunSummary): string {
    const files = groupByFile(results)
    const out = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      openTag('testsuites', { name: 'stream-test', ...counts(results), time: seconds(summary.durationMs) }),
    ]
    for (const [file, group] of files) {
      out.push(
        `  ${openTag('testsuite', { name: file, ...counts(group), time: seconds(sum(group)) })}`,
        '    <properties>',
        `      ${openTag('property', { name: 'seed', value: summary.seed }, true)}`,
        `      ${openTag('property', { name: 'repeat-run', value: summary.command }, true)}`,
        '    </properties>',
      )
      for (const r of group) out.push(...testcase(r))
      out.push('  </testsuite>')
    }
    out.push('</testsuites>')
    return `${out.join('\n')}\n`
  }
}

function testcase(r: ScenarioResult): string[] {
  const lines = [`    ${openTag('testcase', { name: r.name, classname: r.file, time: seconds(r.durationMs) })}`]
  const outcome = outcomeOf(r)
  if (outcome !== 'passed') {
    const tag = outcome === 'errored' ? 'error' : 'failure'
    const body = renderDetails(r, plain, { withRepeat: false }).join('\n')
    lines.push(`      ${openTag(tag, { message: mismatch(r), type: failureType(r) })}${xmlText(body)}</${tag}>`)
  }
  lines.push(`      <system-out>${xmlText(systemOut(r).join('\n'))}</system-out>`, '    </testcase>')
  return lines
}

function systemOut(r: ScenarioResult): string[] {
  const lines = [`seed: ${r.seed}`, `repeat: ${r.repeat}`]
  const caught = expectedFailLabel(r)
  if (caught !== undefined) lines.push(`${caught.slice(1, -1)} (the failure this scenario expects, so the testcase passes)`)
  for (const c of r.crashes) lines.push(`${c.kind === 'crash-sut' ? 'crash' : 'fault'}: ${renderCrash(c)}`)
  if (outcomeOf(r) === 'passed' && r.notes.length > 0) {
    lines.push('notes (not failures):', ...r.notes.map((n) => renderNote(n, plain)))
  }
  return lines
}

function failureType(r: ScenarioResult): string {
  if (r.verdict === 'error') return 'error'
  if (r.verdict === 'pass') return 'unexpected-pass'
  return [...new Set(r.violations.map((v) => v.kind))].join(',') || 'fail'
}

function counts(rs: readonly ScenarioResult[]) {
  const outcomes = rs.map(outcomeOf)
  return {
    tests: rs.length,
    failures: outcomes.filter((o) => o === 'failed').length,
    errors: outcomes.filter((o) => o === 'errored').length,
    skipped: 0,
  }
}

function groupByFile(results: readonly ScenarioResult[]): Map<string, ScenarioResult[]> {
  const files = new Map<string, ScenarioResult[]>()
  for (const r of results) {
    const group = files.get(r.file)
    if (group) group.push(r)
    else files.set(r.file, [r])
  }
  return files
}

const sum = (rs: readonly ScenarioResult[]) => rs.reduce((t, r) => t + r.durationMs, 0)
const seconds = (ms: number) => (ms / 1000).toFixed(3)
