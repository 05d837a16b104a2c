/**
 * Process groups of SUTs that are alive, and the `exit` handler that SIGKILLs them synchronously, so the
 * harness never leaves an orphaned SUT behind. The handler is installed while at least one group lives.
 *
 * Node does not emit `exit` when a signal's default action kills it (Ctrl-C without a SIGINT handler). The
 * CLI's SIGINT/SIGTERM handlers should call `process.exit()` (which runs this) or `killLiveSutGroups()`.
 */

const live = new Set<number>()

/** Send `signal` to every process in the group led by `pgid`; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw e
  }
}

/** Whether any process (a zombie not yet reaped counts) is still in the group. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** SIGKILL every live SUT group now, synchronously. Safe to call more than once. */
export function killLiveSutGroups(): void {
  for (const pgid of live) signalGroup(pgid, 'SIGKILL')
  live.clear()
  process.removeListener('exit', killLiveSutGroups)
}

export function trackGroup(pgid: number): void {
  if (live.size === 0) process.on('exit', killLiveSutGroups)
  live.add(pgid)
}

export function untrackGroup(pgid: number): void {
  if (!live.delete(pgid)) return
  if (live.size === 0) process.removeListener('exit', killLiveSutGroups)
}

/** for tests: the groups the exit handler would kill */
export function liveSutGroups(): number[] {
  return [...live]
}
