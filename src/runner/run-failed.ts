/**
 * A run that ended in an error, carrying the SUT's output up to then: the evidence a report shows with
 * it. The error that ended the run is its `cause`; its message is the cause's.
 */
export class RunFailed extends Error {
  readonly sutOutput: readonly string[]

  constructor(cause: unknown, sutOutput: readonly string[]) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'RunFailed'
    this.sutOutput = sutOutput
  }
}

/** The error that ended a run, unwrapped, and the SUT's output it carried (none for any other error). */
export function runFailure(err: unknown): { cause: unknown; sutOutput: readonly string[] } {
  return err instanceof RunFailed ? { cause: err.cause, sutOutput: err.sutOutput } : { cause: err, sutOutput: [] }
}
