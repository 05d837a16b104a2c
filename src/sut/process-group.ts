import { readdirSync, readFileSync } from 'node:fs'
import { exitOnSignals } from '../process/exit-guard.ts'

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

/**
 * Whether any process in the group is still running. Zombies do not count: once SIGKILLed children are
 * orphaned, reaping them is init's job, and some inits (in containers and VMs) take seconds to do it. On
 * Linux `/proc` tells zombies apart; elsewhere a zombie counts as running.
 */
export function groupRunning(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false
  }
  if (process.platform !== 'linux') return true
  return runningMembers(pgid) > 0
}

/** processes in the group whose state is not zombie (Z) or dead (X), from /proc */
function runningMembers(pgid: number): number {
  let n = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // it ended while we looked
    }
    // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') n++
  }
  return n
}

/** SIGKILL every live SUT group now, synchronously. Safe to call more than once. */
export function killLiveSutGroups(): void {
  for (const pgid of live) signalGroup(pgid, 'SIGKILL')
  live.clear()
  process.removeListener('exit', killLiveSutGroups)
}

export function trackGroup(pgid: number): void {
  // on any environment (external has no JVM of ours), a signal must end us through exit and this handler
  exitOnSignals()
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
