import { spawn, type ChildProcess } from 'node:child_process'
import { LineSplitter } from './output-ring.ts'
import { signalGroup, trackGroup, untrackGroup } from './process-group.ts'

/** How a process ended. */
export interface ProcessEnd {
  code: number | null
  signal: NodeJS.Signals | null
}

/** A process running as the leader of its own process group. */
export interface GroupLeader {
  readonly pid: number
  readonly child: ChildProcess
  /**
   * Resolves once the leader exited, what was left of its group got SIGKILL, and its output was read to the
   * end (or a short bound passed, for a descendant that left the group but holds the pipes).
   */
  readonly ended: Promise<ProcessEnd>
}

export interface SpawnGroupOptions {
  args: string[]
  cwd?: string
  env: NodeJS.ProcessEnv
  onLine: (stream: 'stdout' | 'stderr', line: string) => void
}

/** After the leader exits, how long its pipes may stay open before we stop reading them. */
const CLOSE_BOUND_MS = 1000

/**
 * Spawn `command` detached (its own process group, so `kill(-pid)` reaches its children), with its output
 * split into lines. Rejects with the spawn error (ENOENT, EACCES...) if it could not be started. While it
 * lives its group is tracked, so the harness's `exit` handler kills it.
 *
 * When the leader exits, for whatever reason, the rest of its group gets SIGKILL: a SUT never leaves
 * workers running behind it.
 */
export function spawnGroup(command: string, opts: SpawnGroupOptions): Promise<GroupLeader> {
  const child = spawn(command, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const splitters = {
    stdout: new LineSplitter((l) => opts.onLine('stdout', l)),
    stderr: new LineSplitter((l) => opts.onLine('stderr', l)),
  }
  child.stdout?.setEncoding('utf8').on('data', (c: string) => splitters.stdout.write(c))
  child.stderr?.setEncoding('utf8').on('data', (c: string) => splitters.stderr.write(c))

  return new Promise<GroupLeader>((resolve, reject) => {
    // after a successful spawn, errors (a failed kill) are not fatal; the exit tells the story
    child.on('error', (err) => {
      if (child.pid === undefined) reject(err)
    })
    child.once('spawn', () => {
      const pid = child.pid as number
      trackGroup(pid)
      const closed = new Promise<void>((r) => child.once('close', () => r()))
      const ended = new Promise<ProcessEnd>((r) => {
        child.once('exit', (code, signal) => {
          signalGroup(pid, 'SIGKILL')
          untrackGroup(pid)
          let timer: NodeJS.Timeout | undefined
          const bound = new Promise<void>((b) => {
            timer = setTimeout(() => {
              child.stdout?.destroy()
              child.stderr?.destroy()
              b()
            }, CLOSE_BOUND_MS)
          })
          void Promise.race([closed, bound]).then(() => {
            clearTimeout(timer)
            splitters.stdout.end()
            splitters.stderr.end()
            r({ code, signal })
          })
        })
      })
      resolve({ pid, child, ended })
    })
  })
}
