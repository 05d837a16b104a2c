import type { ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'

/**
 * Children and temp dirs that must not outlive the harness. On normal exit, on Ctrl-C (SIGINT), on
 * SIGTERM and SIGHUP, every registered process group is SIGKILLed and every registered dir removed,
 * synchronously, so nothing is orphaned whatever way the harness ends (short of SIGKILL to itself).
 */
const groups = new Set<ChildProcess>()
const dirs = new Set<string>()
let installed = false

function cleanupNow(): void {
  for (const child of groups) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  groups.clear()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  dirs.clear()
}

function install(): void {
  if (installed) return
  installed = true
  process.once('exit', cleanupNow)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      // another handler (the CLI, vitest) may run its own graceful stop first; if we are the only
      // listener, clean up and exit with the conventional code
      if (process.listenerCount(sig) > 1) return
      cleanupNow()
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1))
    })
  }
}

/** Kill `child`'s process group when the harness exits; returns a function that forgets it. */
export function onExitKill(child: ChildProcess): () => void {
  install()
  groups.add(child)
  return () => groups.delete(child)
}

/** Remove `dir` when the harness exits; returns a function that forgets it. */
export function onExitRemove(dir: string): () => void {
  install()
  dirs.add(dir)
  return () => dirs.delete(dir)
}

/**
 * Make Ctrl-C, SIGTERM and SIGHUP end the harness through `process.exit()`, so that `exit` handlers (the
 * SUT process groups' SIGKILL) run: without a listener Node dies of the signal without emitting `exit`.
 */
export function exitOnSignals(): void {
  install()
}

/** For tests and the CLI: run the cleanup now. */
export const runExitCleanup = cleanupNow
