import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { EnvironmentError } from '../../errors.ts'
import { onExitKill } from '../../process/exit-guard.ts'

export interface JvmProcess {
  child: ChildProcess
  /** last lines of stdout and stderr */
  tail(): string[]
  /** resolves when a line matches `ready`; rejects when the JVM exits first or `timeoutMs` passes */
  waitFor(ready: RegExp, timeoutMs: number, what: string): Promise<void>
  /** SIGKILL (or `signal`) to the whole process group, resolves once it has exited */
  kill(signal?: NodeJS.Signals, graceMs?: number): Promise<void>
  /**
   * `signal` to the JVM alone, not its watchdog shell (SIGSTOP/SIGCONT: a stopped watchdog could not kill
   * its JVM when the harness dies). Resolves false when the JVM has already exited.
   */
  signalJvm(signal: NodeJS.Signals): Promise<boolean>
  /** resolves once the process group has exited */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * The JVM runs under a small `sh` that is its process group's leader and holds the read end of a pipe
 * from the harness. When the harness dies in any way, even SIGKILL, the pipe closes, `read` returns and
 * the shell kills the JVM: no orphan broker, without polling. The shell ignores SIGTERM so that a
 * graceful stop (SIGTERM to the group) ends when the JVM has finished its shutdown, and it exits with
 * the JVM's exit code. With `dir`, the shell also removes that temp dir when the harness dies.
 */
const WATCHDOG = [
  'exec 3<&0; java="$1"; dir="$2"; shift 2',
  '"$java" "$@" & j=$!',
  'echo "stream-test-jvm-pid $j"',
  'trap "" TERM INT',
  '(read _ <&3; kill -9 $j 2>/dev/null; [ -n "$dir" ] && rm -rf "$dir") & r=$!',
  'wait $j; c=$?; kill -9 $r 2>/dev/null; exit $c',
].join('\n')

/** Spawn a JVM in its own process group, drain its pipes, and guarantee it dies with the harness. */
export function spawnJvm(java: string, args: string[], cwd: string, onLine?: (line: string) => void, dir = ''): JvmProcess {
  const child = spawn('sh', ['-c', WATCHDOG, 'stream-test-jvm', java, dir, ...args], { cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] })
  // the watchdog's pipe: never written, closed only when this process ends
  child.stdin?.on('error', () => undefined)
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  const release = onExitKill(child)
  let setJvmPid: (pid: number) => void = () => undefined
  const jvmPid = new Promise<number>((resolve) => (setJvmPid = resolve))
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue
    createInterface({ input: stream }).on('line', (line) => {
      const announced = JVM_PID_LINE.exec(line)
      if (announced) return setJvmPid(Number(announced[1]))
      lines.push(line)
      if (lines.length > 50) lines.shift()
      onLine?.(line)
      for (const l of listeners) l(line)
    })
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      release()
      child.stdin?.destroy()
      resolve({ code, signal })
    })
    child.once('error', () => resolve({ code: -1, signal: null }))
  })
  let spawnError: Error | undefined
  child.once('error', (err) => (spawnError = err))

  const running = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    child,
    exited,
    tail: () => [...lines],
    async signalJvm(signal) {
      if (!running()) return false
      const pid = await Promise.race([jvmPid, exited.then(() => undefined)])
      if (pid === undefined || !running()) return false
      try {
        process.kill(pid, signal)
      } catch {
        return false
      }
      // a stop is delivered when the JVM is next scheduled: on a loaded machine, later than kill()
      // returns. "paused" must mean stopped, so wait for /proc to say so.
      if (signal === 'SIGSTOP') await untilStopped(pid)
      return true
    },
    waitFor(ready, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const onLine = (line: string): void => {
          if (ready.test(line)) finish()
        }
        const timer = setTimeout(
          () => finish(new EnvironmentError(`${what}: no "${ready.source}" after ${timeoutMs} ms; last output:\n${startupFailure(lines).last}`, 'ST_START_TIMEOUT')),
          timeoutMs,
        )
        const finish = (err?: Error): void => {
          clearTimeout(timer)
          listeners.delete(onLine)
          if (err) reject(err)
          else resolve()
        }
        listeners.add(onLine)
        if (lines.some((l) => ready.test(l))) finish()
        void exited.then(({ code, signal }) => {
          const cause = spawnError ? spawnError.message : `exit ${code ?? signal}`
          const { reason, last } = startupFailure(lines)
          finish(new EnvironmentError(`${what}: the JVM died during start-up (${cause})${reason ? `: ${reason}` : ''}${last ? `; last output:\n${last}` : ''}`, 'ST_START_DIED'))
        })
      })
    },
    async kill(signal = 'SIGKILL', graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
      try {
        process.kill(-child.pid, signal)
      } catch {
        return
      }
      const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

const JVM_PID_LINE = /^stream-test-jvm-pid (\d+)$/

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

/** How long a SIGSTOP may take to show in /proc before the pause is reported as failed. */
const STOP_BOUND_MS = 5000

/** Resolves once /proc/<pid>/stat shows the process stopped (T) or gone; rejects after STOP_BOUND_MS. */
async function untilStopped(pid: number): Promise<void> {
  const until = Date.now() + STOP_BOUND_MS
  for (;;) {
    let state: string | undefined
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    } catch {
      return // gone, or no /proc (not Linux): nothing to wait for
    }
    if (state === 'T' || state === 'Z' || state === 'X') return
    if (Date.now() > until) throw new EnvironmentError(`JVM ${pid} not stopped ${STOP_BOUND_MS} ms after SIGSTOP (state ${state})`, 'ST_PAUSE')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const STACK_FRAME = /^\s+(at |\.\.\. \d+ more)/
const FAILURE = /Exception|Error|ERROR|FATAL/

/**
 * What a JVM's last lines say about why it stopped: the last line that names an exception or an error
 * (a one-line reason, e.g. Kafka's "Socket server failed to bind to 127.0.0.1:9092: Address already in
 * use"), and the last ten lines without Java stack frames, which only bury that reason.
 */
export function startupFailure(lines: readonly string[]): { reason: string | undefined; last: string } {
  const said = lines.filter((l) => !STACK_FRAME.test(l))
  const reason = said.findLast((l) => FAILURE.test(l))?.trim()
  return { reason: reason === undefined ? undefined : reason.slice(0, 300), last: said.slice(-10).join('\n') }
}
