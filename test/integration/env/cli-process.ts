import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const BIN = fileURLToPath(new URL('../../../bin/stream-test.mjs', import.meta.url))

export interface CliProcess {
  child: ChildProcess
  stdout: string[]
  stderr: string[]
  /** resolves with the first stdout lines matching every pattern, in order found; rejects after `timeoutMs` */
  lines(patterns: RegExp[], timeoutMs: number): Promise<string[]>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** `node bin/stream-test.mjs …args` with stdout/stderr collected line by line. */
export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
  const stdout: string[] = []
  const stderr: string[] = []
  const waiters = new Set<() => void>()
  createInterface({ input: child.stdout! }).on('line', (l) => {
    stdout.push(l)
    for (const w of waiters) w()
  })
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      for (const w of waiters) w()
      resolve({ code, signal })
    }),
  )
  const lines = (patterns: RegExp[], timeoutMs: number): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = patterns.map((p) => stdout.find((l) => p.test(l)))
        if (found.every((f) => f !== undefined)) return done(undefined, found as string[])
        if (child.exitCode !== null || child.signalCode !== null) {
          done(new Error(`stream-test ${args.join(' ')} exited (${child.exitCode ?? child.signalCode}) before printing ${patterns.join(' and ')}; stderr:\n${stderr.join('\n')}`))
        }
      }
      const timer = setTimeout(
        () => done(new Error(`stream-test ${args.join(' ')} did not print ${patterns.join(' and ')} within ${timeoutMs} ms; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`)),
        timeoutMs,
      )
      const done = (err?: Error, found?: string[]): void => {
        clearTimeout(timer)
        waiters.delete(check)
        if (err) reject(err)
        else resolve(found ?? [])
      }
      waiters.add(check)
      check()
    })
  return { child, stdout, stderr, lines, exited }
}

/** Run the CLI to completion, bounded. */
export async function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string[]; stderr: string[] }> {
  const cli = startCli(args, opts)
  const timeoutMs = opts.timeoutMs ?? 30_000
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cli.child.kill('SIGKILL')
      reject(new Error(`stream-test ${args.join(' ')} still running after ${timeoutMs} ms; stderr:\n${cli.stderr.join('\n')}`))
    }, timeoutMs)
  })
  try {
    const { code } = await Promise.race([cli.exited, timedOut])
    return { code, stdout: cli.stdout, stderr: cli.stderr }
  } finally {
    clearTimeout(timer)
  }
}

export interface ChildInfo {
  pid: number
  comm: string
  cmdline: string[]
}

/** Direct children of `ppid`, from /proc (Linux). */
export function childrenOf(ppid: number): ChildInfo[] {
  const out: ChildInfo[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // pid (comm) state ppid …; comm may contain spaces and parentheses, so split after the last ')'
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const parent = Number(stat.slice(close + 2).split(' ')[1])
      if (parent !== ppid) continue
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean)
      out.push({ pid: Number(entry), comm, cmdline })
    } catch {
      // exited while we looked
    }
  }
  return out
}

/** Children, grandchildren, …: the broker JVM runs under a watchdog shell, a grandchild of the CLI. */
export function descendantsOf(ppid: number): ChildInfo[] {
  const out: ChildInfo[] = []
  for (let frontier = [ppid]; frontier.length > 0; ) {
    const next = frontier.flatMap((p) => childrenOf(p))
    out.push(...next)
    frontier = next.map((c) => c.pid)
  }
  return out
}

/** Is there a /proc entry for `pid` (a zombie counts as present)? */
export function processExists(pid: number): boolean {
  try {
    readFileSync(`/proc/${pid}/stat`, 'utf8')
    return true
  } catch {
    return false
  }
}
