/** A slot given back with `release()`; releasing twice is harmless. */
export type Release = () => void

/**
 * The runs a `stream-test run` may have going at once (`--concurrency`): a scenario holds one slot, one
 * that runs alone holds them all, and a sweep may borrow free ones for its further runs. `changed()`
 * resolves at the next release, for whoever waits for room.
 */
export class Slots {
  readonly total: number
  #free: number
  #waiters: (() => void)[] = []

  constructor(total: number) {
    if (!Number.isSafeInteger(total) || total < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${total}`)
    this.total = total
    this.#free = total
  }

  get free(): number {
    return this.#free
  }

  /** Takes `n` free slots (the caller checked `free`). */
  take(n = 1): Release {
    if (n > this.#free) throw new Error(`${n} slot(s) asked for, ${this.#free} free`)
    this.#free -= n
    let held = true
    return () => {
      if (!held) return
      held = false
      this.#free += n
      const waiters = this.#waiters
      this.#waiters = []
      for (const w of waiters) w()
    }
  }

  /** A free slot, or undefined when all are taken. */
  tryTake(): Release | undefined {
    return this.#free > 0 ? this.take() : undefined
  }

  /** Resolves at the next release. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve))
  }
}
