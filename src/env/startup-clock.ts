/** One step of an environment's start and when it ended, in ms since the start began. */
export interface StartupPhase {
  readonly phase: string
  readonly atMs: number
}

/**
 * Marks the steps of an environment's start (jars ready, each node up, controller elected, coordinators
 * warm), so that a slow start can be told apart: three JVMs sharing two cores, or the warm-up after them.
 */
export class StartupClock {
  readonly #t0 = performance.now()
  readonly #phases: StartupPhase[] = []

  mark(phase: string): void {
    this.#phases.push({ phase, atMs: Math.round(performance.now() - this.#t0) })
  }

  phases(): readonly StartupPhase[] {
    return [...this.#phases]
  }
}
