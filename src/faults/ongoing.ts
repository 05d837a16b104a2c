/**
 * Faults that outlast their step: a killed broker, a paused broker, a network fault. Each is started by
 * its step and ended by its `end` — after its `for` on a timer (the fault's length is the fault itself,
 * not a wait for a condition), by a later step (`restart-broker` of a killed node), or by `endAll` when
 * the run ends, whatever way it ends: nothing stays faulted for the next scenario.
 */
export interface OngoingFaults {
  /** the fault `key` is on; `end` turns it off, after `forMs` or, without one, when the run ends */
  start(key: string, end: () => Promise<void>, forMs?: number): Promise<void>
  /** end the fault `key` now, if it is on; false if it was not */
  end(key: string): Promise<boolean>
  /** resolves when every fault with a `for` has ended (rejects if ending one failed) */
  timed(): Promise<void>
  /** end every fault still on, now; idempotent; rejects with the first failure after trying all */
  endAll(): Promise<void>
}

interface Entry {
  timed: boolean
  /** ends the fault the first time it is called; every call returns the same ending */
  finish: () => Promise<void>
  /** settles when the fault has ended, however it was ended */
  ended: Promise<void>
}

export function ongoingFaults(): OngoingFaults {
  const entries = new Map<string, Entry>()
  return {
    async start(key, end, forMs) {
      await entries.get(key)?.finish()
      let settle!: (ending: Promise<void>) => void
      const ended = new Promise<void>((resolve) => (settle = resolve))
      // a failure is seen by whoever waits (timed, end, endAll); unwaited it must not crash the process
      ended.catch(() => undefined)
      let ending: Promise<void> | undefined
      let timer: NodeJS.Timeout | undefined
      const entry: Entry = {
        timed: forMs !== undefined,
        ended,
        finish: () => {
          clearTimeout(timer)
          ending ??= end().finally(() => {
            if (entries.get(key) === entry) entries.delete(key)
          })
          settle(ending)
          return ending
        },
      }
      entries.set(key, entry)
      if (forMs !== undefined) timer = setTimeout(() => void entry.finish().catch(() => undefined), forMs)
    },
    async end(key) {
      const entry = entries.get(key)
      if (!entry) return false
      await entry.finish()
      return true
    },
    async timed() {
      await Promise.all([...entries.values()].filter((e) => e.timed).map((e) => e.ended))
    },
    async endAll() {
      const results = await Promise.allSettled([...entries.values()].map((e) => e.finish()))
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    },
  }
}
