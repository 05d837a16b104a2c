/**
 * CPU milliseconds this process spent running `fn` (user + system), and its result. Unlike wall time,
 * this does not grow when other processes share the cores, so a bound on it catches an algorithm that
 * does too much work without failing on a busy CI machine. (Vitest runs test files in forked
 * processes, one file at a time each, so the process's CPU time is this test's.)
 */
export function cpuTime<T>(fn: () => T): { result: T; ms: number } {
  const before = process.cpuUsage()
  const result = fn()
  const used = process.cpuUsage(before)
  return { result, ms: (used.user + used.system) / 1000 }
}
