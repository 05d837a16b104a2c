/**
 * The system under test, as the runner sees it: something started against one run's broker, registry,
 * topics and consumer group, that can be crashed, restarted and stopped.
 */

/** What one run hands its SUT (DESIGN.md section 8, "What the SUT sees"). */
export interface SutContext {
  /** bootstrap servers, `host:port` each */
  brokers: string[]
  registryUrl: string
  runId: string
  /** the SUT's consumer group, unique per run */
  groupId: string
  /** which of the SUT's instances this is (`ST_INSTANCE`, `{{instance}}`); default 0 */
  instance?: number
  /** logical topic name (as in the scenario) -> real topic name (`st.<runId>.<name>`) */
  topics: Record<string, string>
}

/** How a SUT ended when nobody asked it to (see `Sut.onUnexpectedExit`). */
export interface SutExit {
  /** exit code, or null when a signal ended it */
  code: number | null
  signal: NodeJS.Signals | null
  /** the last lines it wrote, tagged `[stdout]`/`[stderr]`, oldest first */
  output: string[]
  /** one error describing the exit, ready to become an `error` verdict */
  error: Error
}

/**
 * How long a graceful stop may take before the SUT is killed: SIGTERM, then SIGKILL after this long. 10 s,
 * because a client on its defaults needs most of it: KafkaJS's disconnect waits for its fetch in flight
 * (up to 5 s), then leaves the group; a kill instead would make every scale-down a crash.
 */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000

export interface Sut extends AsyncDisposable {
  readonly kind: 'process' | 'in-process'
  /**
   * End the SUT abruptly, without letting it shut down gracefully (process SUTs: SIGKILL to the whole
   * process group). Resolves once it is gone. The SUT can be brought back with `restart()`.
   */
  crash(): Promise<void>
  /** Start the SUT again with the same spec and context (same consumer group); resolves when ready. */
  restart(): Promise<void>
  /**
   * Freeze the SUT where it stands (process SUTs: SIGSTOP to the process group), as a long GC pause or a
   * frozen VM would; `resume()` continues it. Absent on SUTs that cannot be frozen (in-process).
   */
  pause?(): Promise<void>
  resume?(): Promise<void>
  /** Graceful stop. Idempotent; also what `[Symbol.asyncDispose]` does. */
  stop(): Promise<void>
  /**
   * Called when the SUT ends by itself after it became ready (not through crash/stop); a subscriber that
   * comes after such an exit (and before a restart) is called at once. Returns a function that unsubscribes.
   */
  onUnexpectedExit(cb: (exit: SutExit) => void): () => void
  /** the last lines of output the SUT wrote (empty for in-process SUTs) */
  output(): string[]
}
