/** How `runInPool` runs a list of jobs. */
export interface PoolOptions {
  /** at most this many jobs at once (>= 1) */
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
 * Runs `run(i)` for every index with at most `concurrency` at once, an `alone` job with nothing else
 * running; resolves with the results in list order whatever finished first. When a job rejects, no new
 * job starts, the running ones are awaited, and the first rejection is thrown.
 */
export async function runInPool<T>(count: number, opts: PoolOptions, run: (index: number) => Promise<T>): Promise<T[]> {
  if (!Number.isSafeInteger(opts.concurrency) || opts.concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${opts.concurrency}`)
  const queue = startOrder(count, opts)
  const results: T[] = new Array<T>(count)
  const running = new Set<Promise<void>>()
  let failure: { error: unknown } | undefined
  let exclusive = false
  while (queue.length > 0 && !failure) {
    const next = queue[0] as number
    const alone = opts.alone(next)
    if (exclusive || running.size >= opts.concurrency || (alone && running.size > 0)) {
      await Promise.race(running)
      continue
    }
    queue.shift()
    exclusive = alone
    const job: Promise<void> = run(next).then(
      (r) => void (results[next] = r),
      (error: unknown) => void (failure ??= { error }),
    ).finally(() => {
      running.delete(job)
      if (alone) exclusive = false
    })
    running.add(job)
  }
  await Promise.all(running)
  if (failure) throw failure.error
  return results
}
