import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { waitUntil } from '../../../src/wait-until.ts'

/** A demo app started as a child process: its output lines (stderr prefixed `[stderr] `) and its end. */
export interface AppProcess {
  label: string
  child: ChildProcess
  lines: string[]
  /** null while it runs */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null
  /**
   * Resolves once a line matches `pattern` (among the lines from index `from` on); rejects if the app
   * exits first or `timeoutMs` passes.
   */
  waitForLine(pattern: RegExp, timeoutMs: number, from?: number): Promise<void>
}

/** Start `command args` in its own process group (like the harness's SUTs) with `env` added to ours. */
export function startApp(label: string, command: string, args: string[], env: Record<string, string>): AppProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const app: AppProcess = {
    label,
    child,
    lines: [],
    exit: null,
    async waitForLine(pattern, timeoutMs, from = 0) {
      let rejectExit: (err: Error) => void = () => {}
      const exited = new Promise<never>((_, reject) => (rejectExit = reject))
      const onExit = (): void => rejectExit(new Error(`${label} exited (${JSON.stringify(app.exit)}) before printing /${pattern.source}/:\n${tail(app)}`))
      if (app.exit) onExit()
      else child.once('exit', onExit)
      try {
        await waitUntil(() => app.lines.slice(from).some((l) => pattern.test(l)), {
          intervalMs: 50,
          timeoutMs,
          onTimeout: () => new Error(`${label}: no line matched /${pattern.source}/ within ${timeoutMs} ms:\n${tail(app)}`),
          abort: exited,
        })
      } finally {
        child.off('exit', onExit)
      }
    },
  }
  createInterface({ input: child.stdout! }).on('line', (l) => app.lines.push(l))
  createInterface({ input: child.stderr! }).on('line', (l) => app.lines.push(`[stderr] ${l}`))
  child.once('exit', (code, signal) => (app.exit = { code, signal }))
  return app
}

/** SIGKILL the app's process group (if it still runs) and wait for its exit. */
export async function killApp(app: AppProcess): Promise<void> {
  if (app.exit || app.child.pid === undefined) return
  const exited = new Promise((resolve) => app.child.once('exit', resolve))
  try {
    process.kill(-app.child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
  await exited
}

/** SIGTERM the app and wait for its exit; resolves with its exit code. */
export async function stopApp(app: AppProcess): Promise<number | null> {
  if (!app.exit) {
    const exited = new Promise((resolve) => app.child.once('exit', resolve))
    app.child.kill('SIGTERM')
    await exited
  }
  return app.exit!.code
}

export function tail(app: AppProcess, n = 15): string {
  return app.lines.slice(-n).join('\n')
}
