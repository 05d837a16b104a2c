import type { ScenarioResult } from '../result/index.ts'
import { paint, type Paint } from './ansi.ts'
import { formatDuration } from './compact.ts'
import { expectedFailLabel, outcomeOf } from './outcome.ts'
import { renderDetails } from './render-details.ts'
import { plural } from '../text/index.ts'
import type { Reporter, ReporterOptions, RunSummary } from './reporter.ts'

interface Running {
  name: string
  file: string
  /** `run 3/20`, `shrink 2/50` */
  progress?: string
  /** the phase last announced on a pipe */
  phase?: 'run' | 'shrink'
}

/**
 * The report for people. Result lines go to the stream as scenarios end, in the order of the files
 * `onStart` named (under `--concurrency` a scenario that ends early waits for the ones before it); on
 * a TTY a `…` line per running scenario shows what is running and how far its runs are. `finish`
 * returns the lines not shown yet, the details of every unexpected outcome, the notes, the counts, the
 * seed and the commands that repeat the run and each failing scenario.
 */
export class ConsoleReporter implements Reporter {
  readonly #stream: NodeJS.WritableStream
  readonly #tty: boolean
  readonly #p: Paint
  readonly #written = new Set<string>()
  /** file -> position in the run, from onStart */
  readonly #order = new Map<string, number>()
  /** results that ended before a scenario listed earlier */
  readonly #waiting = new Map<number, ScenarioResult>()
  #nextLine = 0
  readonly #running = new Map<string, Running>()
  /** status lines on the screen below the result lines (TTY) */
  #drawn = 0

  constructor(opts: ReporterOptions = {}) {
    this.#stream = opts.stream ?? process.stdout
    this.#tty = (this.#stream as { isTTY?: boolean }).isTTY === true
    this.#p = paint(opts.color ?? (this.#tty && process.env['NO_COLOR'] === undefined))
  }

  onStart(files: string[], seed: number): void {
    files.forEach((f, i) => this.#order.set(f, i))
    this.#stream.write(`${this.#p.bold('stream-test')} ${plural(files.length, 'scenario file')}, seed ${seed}\n`)
  }

  onScenarioStart(file: string, name: string): void {
    this.#running.set(file, { name, file })
    this.#redraw()
  }

  /**
   * On a TTY the running scenario's line shows `run 3/20` or `shrink 2/50`; on a pipe one line when a
   * phase starts and every tenth step, so a CI log shows that a long property is moving. `file` names
   * the scenario when several run at once; without it, the last one started.
   */
  onScenarioProgress(index: number, total: number, phase: 'run' | 'shrink', file?: string): void {
    const r = file !== undefined ? this.#running.get(file) : [...this.#running.values()].at(-1)
    if (!r) return
    r.progress = `${phase} ${index}/${total}`
    if (this.#tty) return this.#redraw()
    if (r.phase === phase && index % 10 !== 0 && index !== total) return
    r.phase = phase
    this.#stream.write(`  ${r.name}: ${phase === 'run' ? 'generated run' : 'shrink step'} ${index} of ${total}\n`)
  }

  onScenarioEnd(r: ScenarioResult): void {
    this.#running.delete(r.file)
    const at = this.#order.get(r.file)
    const ready: ScenarioResult[] = []
    if (at === undefined || at < this.#nextLine) ready.push(r)
    else {
      this.#waiting.set(at, r)
      for (let next = this.#waiting.get(this.#nextLine); next; next = this.#waiting.get(this.#nextLine)) {
        this.#waiting.delete(this.#nextLine++)
        ready.push(next)
      }
    }
    for (const done of ready) this.#written.add(key(done.file, done.name))
    this.#redraw(ready.map((done) => `${scenarioLine(done, this.#p)}\n`).join(''))
  }

  /** Clears the status lines (TTY), writes `lines`, draws one status line per running scenario. */
  #redraw(lines = ''): void {
    if (!this.#tty) return void (lines && this.#stream.write(lines))
    const clear = this.#drawn > 0 ? `\r\x1b[2K${'\x1b[1A\x1b[2K'.repeat(this.#drawn - 1)}` : ''
    const status = [...this.#running.values()].map((r) => this.#statusLine(r))
    this.#drawn = status.length
    const out = clear + lines + status.join('\n')
    if (out) this.#stream.write(out)
  }

  /** `… name  file  run 3/20`, the name cut so the line fits the terminal (a wrapped line would not clear). */
  #statusLine(r: Running): string {
    const tail = r.progress !== undefined ? `  ${r.progress}` : ''
    const columns = (this.#stream as { columns?: number }).columns
    const room = columns !== undefined ? columns - 5 - r.file.length - tail.length : Infinity
    const name = r.name.length > room ? `${r.name.slice(0, Math.max(1, room - 1))}…` : r.name
    return `${this.#p.dim('…')} ${name}  ${this.#p.dim(r.file)}${tail ? `  ${this.#p.dim(tail.trim())}` : ''}`
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
