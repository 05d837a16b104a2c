import { EnvironmentError } from '../errors.ts'

/** How many of the last output lines go into an error's message (all of them stay in `output`). */
const LINES_IN_MESSAGE = 20

/**
 * The SUT failed: it exited before it was ready, never became ready, could not be spawned, or exited on its
 * own. The first line of the message says what happened; the SUT's last output lines follow it, and all
 * buffered lines are in `output`.
 */
export class SutError extends EnvironmentError {
  readonly output: string[]
  constructor(headline: string, output: string[], code = 'ST_SUT', options?: { cause?: unknown }) {
    super(withOutput(headline, output), code, options)
    this.output = output
    this.name = 'SutError'
  }
}

function withOutput(headline: string, output: string[]): string {
  if (output.length === 0) return `${headline}\n  (no output)`
  const shown = output.slice(-LINES_IN_MESSAGE)
  const skipped = output.length - shown.length
  const head = skipped > 0 ? `last ${shown.length} of ${output.length} lines:` : 'output:'
  return [headline, `  ${head}`, ...shown.map((l) => `  | ${l}`)].join('\n')
}
