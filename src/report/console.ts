import type { ScenarioResult } from '../runner/result.ts'
import { paint, type Paint } from './ansi.ts'
import { formatDuration } from './compact.ts'
import { expectedFailLabel, outcomeOf } from './outcome.ts'
import { renderDetails } from './render-details.ts'
import { plural } from './render-violation.ts'
import type { Reporter, ReporterOptions, RunSummary } from './reporter.ts'

/**
 * The report for people. Progress lines go to the stream as scenarios end (on a TTY a `…` line shows
 * the running scenario); `finish` returns the details of every unexpected outcome, the notes, the
 * counts, the seed and the commands that repeat the run and each failing scenario.
 */
export class ConsoleReporter implements Reporter {
  readonly #stream: NodeJS.WritableStream
  readonly #tty: boolean
  readonly #p: Paint
  readonly #written = new Set<string>()
  #running: string | undefined
  #runningLine = ''
  #phase: string | undefined
  #name = ''

  constructor(opts: ReporterOptions = {}) {
    this.#stream = opts.stream ?? process.stdout
    this.#tty = (this.#stream as { isTTY?: boolean }).isTTY === true
    this.#p = paint(opts.color ?? (this.#tty && process.env['NO_COLOR'] === undefined))
  }

  onStart(files: string[], seed: number): void {
    this.#stream.write(`${this.#p.bold('stream-test')} ${plural(files.length, 'scenario file')}, seed ${seed}\n`)
  }

  onScenarioStart(file: string, name: string): void {
    this.#phase = undefined
    this.#name = name
    if (!this.#tty) return
    if (this.#running !== undefined) this.#stream.write('\n')
    this.#running = key(file, name)
    this.#runningLine = `${this.#p.dim('…')} ${name}  ${this.#p.dim(file)}`
    this.#stream.write(this.#runningLine)
  }

  /**
   * On a TTY the running scenario's line shows `run 3/20` or `shrink 2/50`; on a pipe one line when a
   * phase starts and every tenth step, so a CI log shows that a long property is moving.
   */
  onScenarioProgress(index: number, total: number, phase: 'run' | 'shrink'): void {
    const text = `${phase} ${index}/${total}`
    if (this.#tty) {
      this.#stream.write(`\r\x1b[2K${this.#runningLine}  ${this.#p.dim(text)}`)
      return
    }
    if (this.#phase === phase && index % 10 !== 0 && index !== total) return
    this.#phase = phase
    this.#stream.write(`  ${this.#name}: ${phase === 'run' ? 'generated run' : 'shrink step'} ${index} of ${total}\n`)
  }

  onScenarioEnd(r: ScenarioResult): void {
    const k = key(r.file, r.name)
    if (this.#running === k) this.#stream.write('\r\x1b[2K')
    else if (this.#running !== undefined) this.#stream.write('\n')
    this.#running = undefined
    this.#written.add(k)
    this.#stream.write(`${scenarioLine(r, this.#p)}\n`)
  }

  /** The final report; it ends with a newline. */
  finish(results: ScenarioResult[], summary: RunSummary): string {
    const p = this.#p
    const out: string[] = results.filter((r) => !this.#written.has(key(r.file, r.name))).map((r) => scenarioLine(r, p))
    for (const r of results) {
      const details = renderDetails(r, p, { withRepeat: false })
      if (details.length === 0) continue
      out.push('', scenarioLine(r, p, false), ...details)
    }
    out.push('', ...footer(results, summary, p))
    return `${out.join('\n')}\n`
  }
}

/** `✓ name  file  1.2s  (expected fail: duplicated — caught)` */
export function scenarioLine(r: ScenarioResult, p: Paint, withDuration = true): string {
  const outcome = outcomeOf(r)
  const mark = outcome === 'passed' ? p.green('✓') : outcome === 'failed' ? p.red('✗') : p.yellow('!')
  const parts = [`${mark} ${outcome === 'passed' ? r.name : p.bold(r.name)}`, p.dim(r.file)]
  if (withDuration) parts.push(p.dim(formatDuration(r.durationMs)))
  const expected = expectedFailLabel(r)
  if (expected !== undefined) parts.push(p.green(expected))
  return parts.join('  ')
}

function footer(results: readonly ScenarioResult[], s: RunSummary, p: Paint): string[] {
  const caught = results.filter((r) => expectedFailLabel(r) !== undefined).length
  const counts = [
    p.green(`${s.passed} passed`) + (caught > 0 ? p.dim(` (${caught} expected ${caught === 1 ? 'failure' : 'failures'} caught)`) : ''),
    s.failed > 0 ? p.red(`${s.failed} failed`) : `${s.failed} failed`,
    s.errored > 0 ? p.yellow(`${s.errored} errored`) : `${s.errored} errored`,
    `${s.passed + s.failed + s.errored} total`,
  ]
  const lines = [
    `${p.dim('Scenarios')}  ${counts.join(', ')}`,
    `${p.dim('Duration ')}  ${formatDuration(s.durationMs)}`,
    `${p.dim('Seed     ')}  ${s.seed}`,
    `${p.dim('Repeat   ')}  ${p.cyan(s.command)}`,
  ]
  const failing = results.filter((r) => outcomeOf(r) !== 'passed')
  if (failing.length > 0) {
    lines.push('', `Repeat ${failing.length === 1 ? 'the failing scenario' : 'a failing scenario'} alone:`)
    for (const r of failing) lines.push(`  ${r.name}`, `    ${p.cyan(r.repeat)}`)
  }
  return lines
}

function key(file: string, name: string): string {
  return `${file}\0${name}`
}
