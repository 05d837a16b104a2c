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
  timer?: NodeJS.Timeout
  ended?: Promise<void>
  end: () => Promise<void>
  done: Promise<void>
}

export function ongoingFaults(): OngoingFaults {
  const entries = new Map<string, Entry>()
  const finish = (key: string, e: Entry): Promise<void> => {
    if (e.timer) clearTimeout(e.timer)
    e.ended ??= e.end().finally(() => {
      if (entries.get(key) === e) entries.delete(key)
    })
    return e.ended
  }
  return {
    async start(key, end, forMs) {
      const earlier = entries.get(key)
      if (earlier) await finish(key, earlier)
      let settle!: (p: Promise<void>) => void
      const e: Entry = { timed: forMs !== undefined, end, done: new Promise<void>((r) => (settle = r)) }
      // a failure is seen by whoever waits (timed, end, endAll); unwaited it must not crash the process
      e.done.catch(() => undefined)
      const wrapped = e.end
      e.end = () => {
        const p = wrapped()
        settle(p)
        return p
      }
      entries.set(key, e)
      if (forMs !== undefined) e.timer = setTimeout(() => void finish(key, e).catch(() => undefined), forMs)
    },
    async end(key) {
      const e = entries.get(key)
      if (!e) return false
      await finish(key, e)
      return true
    },
    async timed() {
      await Promise.all([...entries.values()].filter((e) => e.timed).map((e) => e.done))
    },
    async endAll() {
      const results = await Promise.allSettled([...entries].map(([k, e]) => finish(k, e)))
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (failed) throw failed.reason
    },
  }
}
