/**
 * Errors the harness shows to people. `code` is stable; `exitCode` is what the CLI exits with
 * (DESIGN.md: 2 bad input or usage, 3 environment error). User mistakes never print a stack trace.
 */
export abstract class StreamTestError extends Error {
  abstract readonly code: string
  abstract readonly exitCode: 2 | 3
}

export interface InputErrorDetail {
  file?: string
  line?: number
  column?: number
  /** path inside the scenario, e.g. `perturb[1].duplicate.rate` */
  path?: string
  expected?: string
  found?: string
}

/** Bad input: a scenario, fixture, flag or spec the user wrote. Exit code 2. */
export class InputError extends StreamTestError {
  readonly code = 'ST_INPUT'
  readonly exitCode = 2 as const
  readonly reason: string
  readonly detail: InputErrorDetail
  constructor(reason: string, detail: InputErrorDetail = {}) {
    super(formatInputError(reason, detail))
    this.reason = reason
    this.detail = detail
    this.name = 'InputError'
  }
}

/** The environment failed: java missing, broker died, port taken, SUT never caught up. Exit code 3. */
export class EnvironmentError extends StreamTestError {
  readonly code: string
  readonly exitCode = 3 as const
  constructor(message: string, code = 'ST_ENV', options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'EnvironmentError'
    this.code = code
  }
}

export function formatInputError(reason: string, d: InputErrorDetail): string {
  let where = d.file ?? ''
  if (d.file !== undefined && d.line !== undefined) where += `:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`
  const parts = [where ? `${where}: ${reason}` : reason]
  if (d.path) parts.push(`at ${d.path}`)
  if (d.expected !== undefined) parts.push(`expected ${d.expected}`)
  if (d.found !== undefined) parts.push(`found ${d.found}`)
  return parts.join('; ')
}
