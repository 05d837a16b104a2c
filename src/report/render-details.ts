import type { Violation } from '../oracle/violation.ts'
import type { ScenarioResult } from '../result/index.ts'
import { paint, stripAnsi, type Paint } from './ansi.ts'
import { truncate } from './compact.ts'
import { groupViolations } from './group-violations.ts'
import { outcomeOf } from './outcome.ts'
import { kindTally, renderCrash, renderNote, renderViolation } from './render-violation.ts'
import { plural } from '../text/index.ts'

export interface DetailOptions {
  /** violations shown per group (kind and cause) before `… and N more` (default 10) */
  maxViolations?: number
  /** notes shown before `… and N more` (default 10) */
  maxNotes?: number
  /** SUT output lines shown, the last ones (default 20 for errors, 10 for failures) */
  sutLines?: number
  /** end with `repeat: <command>` (default true) */
  withRepeat?: boolean
}

/**
 * What a person needs to understand one scenario's outcome, as lines indented by two spaces:
 * the mismatch, the fault steps, the violations grouped by kind and cause (the first few of each), the
 * notes (apart), the SUT's last output, the repeat command.
 * A passing scenario yields only its notes (nothing when it has none).
 */
export function renderDetails(r: ScenarioResult, p: Paint = paint(false), opts: DetailOptions = {}): string[] {
  const outcome = outcomeOf(r)
  const lines: string[] = []
  if (outcome !== 'passed') {
    lines.push(`  ${mismatch(r, p)}`)
    for (const c of r.crashes) lines.push(`  ${p.dim(c.kind === 'crash-sut' ? 'crash:' : 'fault:')} ${renderCrash(c)}`)
    const max = opts.maxViolations ?? 10
    for (const g of groupViolations(r)) {
      lines.push(`  ${p.red(p.bold(`${g.indices.length} × ${g.kind}`))}  ${p.dim(`[${g.oracle}]`)}${g.cause ? ` — ${g.cause}` : ''}`)
      for (const i of g.indices.slice(0, max)) lines.push(...renderViolation(r.violations[i] as Violation, i + 1, p, '    '))
      if (g.indices.length > max) lines.push(p.dim(`    … and ${g.indices.length - max} more (JSON report has all)`))
    }
  }
  if (r.notes.length > 0) {
    const max = opts.maxNotes ?? 10
    lines.push(`  ${p.yellow('notes')} ${p.dim('(not failures)')}:`)
    for (const note of r.notes.slice(0, max)) lines.push(renderNote(note, p, '    '))
    if (r.notes.length > max) lines.push(p.dim(`    … and ${plural(r.notes.length - max, 'more note')}`))
  }
  if (outcome === 'passed') return lines
  const sut = splitOutput(r.sutOutput)
  const keep = opts.sutLines ?? (outcome === 'errored' ? 20 : 10)
  const shown = keep > 0 ? sut.slice(-keep) : []
  if (shown.length > 0) {
    const of = shown.length < sut.length ? `last ${shown.length} of ${sut.length} lines` : plural(sut.length, 'line')
    lines.push(`  ${p.dim(`SUT output (${of}):`)}`)
    for (const l of shown) lines.push(`    ${p.dim('│')} ${truncate(l, 240)}`)
  }
  if (opts.withRepeat ?? true) lines.push(`  ${p.dim('repeat:')} ${p.cyan(r.repeat)}`)
  return lines
}

/** One line saying how the outcome differs from the expectation. */
export function mismatch(r: ScenarioResult, p: Paint = paint(false)): string {
  if (r.verdict === 'error') {
    const expected = r.expect.verdict === 'fail' ? p.dim(` (the scenario expected ${expectation(r)})`) : ''
    return `${p.yellow('error:')} ${firstLine(r.error ?? 'the harness could not judge this scenario')}${expected}`
  }
  const kinds = r.expect.violations
  const want = expectation(r)
  if (r.verdict === 'pass') return `expected ${want}, but the scenario passed: no violation found`
  const got = `got ${plural(r.violations.length, 'violation')} (${kindTally(r.violations)})`
  const seen = new Set(r.violations.map((v) => v.kind))
  const missing = r.expect.verdict === 'fail' ? kinds.filter((k) => !seen.has(k)) : []
  return `expected ${want}, ${got}${missing.length > 0 ? `; not reported: ${missing.join(', ')}` : ''}`
}

/** `fail (duplicated, lost)`, `pass` */
function expectation(r: ScenarioResult): string {
  const kinds = r.expect.violations
  return r.expect.verdict === 'fail' && kinds.length > 0 ? `fail (${kinds.join(', ')})` : r.expect.verdict
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text
  return truncate(line.trim(), 300)
}

/** The SUT's output as single lines, without ANSI codes or trailing blank lines. */
function splitOutput(output: readonly string[]): string[] {
  const lines = output.flatMap((l) => stripAnsi(l).split(/\r?\n/))
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop()
  return lines
}
