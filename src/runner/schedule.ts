import { Slots, type Release } from './slots.ts'

/** How `runInPool` runs a list of jobs. */
export interface PoolOptions {
  /** at most this many runs at once (>= 1) */
  concurrency: number
  /** a job that must run with nothing else running (a broker fault, a cluster of its own) */
  alone(index: number): boolean
}

/**
 * The order jobs start in: with `concurrency` 1 the list order (today's sequential run); above 1 the
 * shared jobs first, in list order, then the jobs that run alone, in list order — so no slot sits idle
 * while an exclusive job waits for the others to drain.
 */
export function startOrder(count: number, opts: PoolOptions): number[] {
  const all = Array.from({ length: count }, (_, i) => i)
  if (opts.concurrency <= 1) return all
  return [...all.filter((i) => !opts.alone(i)), ...all.filter((i) => opts.alone(i))]
}

/**
 * Runs `run(i)` for every index, each job holding one of `concurrency` slots (a job that runs alone
 * holds them all, so nothing runs beside it). A job may `borrow` a free slot for a run of its own (a
 * sweep's further runs) once no job is left waiting to start: scenarios first, then runs within one.
 * Resolves with the results in list order whatever finished first. When a job rejects, no
 * new job starts, the running ones are awaited, and the first rejection is thrown.
 */
export async function runInPool<T>(count: number, opts: PoolOptions, run: (index: number, borrow: () => Release | undefined) => Promise<T>): Promise<T[]> {
  const slots = new Slots(opts.concurrency)
  const queue = startOrder(count, opts)
  const results: T[] = new Array<T>(count)
  const running = new Set<Promise<void>>()
  const borrow = (): Release | undefined => (queue.length === 0 && !failure ? slots.tryTake() : undefined)
  let failure: { error: unknown } | undefined
  while (queue.length > 0 && !failure) {
    const next = queue[0] as number
    const need = opts.alone(next) ? slots.total : 1
    if (slots.free < need) {
      await slots.changed()
      continue
    }
    queue.shift()
    const release = slots.take(need)
    const job: Promise<void> = run(next, borrow)
      .then(
        (r) => void (results[next] = r),
        (error: unknown) => void (failure ??= { error }),
      )
      .finally(() => {
        running.delete(job)
        release()
      })
    running.add(job)
  }
  await Promise.all(running)
  if (failure) throw failure.error
  return results
}
