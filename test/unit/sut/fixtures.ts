import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import type { SutContext } from '../../../src/sut/index.ts'

export const ctx: SutContext = {
  brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
  registryUrl: 'http://127.0.0.1:8081',
  runId: 'r1',
  groupId: 'st.r1.sut',
  topics: { orders: 'st.r1.orders', 'page-views.v2': 'st.r1.page-views.v2' },
}

const keepAlive = 'setInterval(() => {}, 1 << 30)'

/** Small node programs that play SUT, by name. */
const SCRIPTS = {
  // prints what it was given, then `ready`; SIGUSR2 makes it die with code 3, SIGTERM is a graceful exit
  'echo.mjs': `
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
      k.startsWith('ST_') || ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'EXTRA'].includes(k)))
    console.log(JSON.stringify({ pid: process.pid, argv: process.argv.slice(2), env }))
    process.on('SIGUSR2', () => { console.error('dying on purpose'); process.exit(3) })
    process.on('SIGTERM', () => { console.log('bye'); process.exit(0) })
    console.log('ready')
    ${keepAlive}`,
  // writes 30 lines and a fatal error, then exits 7 before ever being ready
  'exit-early.mjs': `
    for (let i = 1; i <= 30; i++) console.log('line ' + i)
    console.error('fatal: no broker')
    process.exit(7)`,
  // starts a grandchild that idles, prints its pid, then `ready`
  'parent.mjs': `
    import { spawn } from 'node:child_process'
    const child = spawn(process.execPath, ['-e', ${JSON.stringify(keepAlive)}], { stdio: 'ignore' })
    child.on('spawn', () => { console.log('child ' + child.pid); console.log('ready') })
    ${keepAlive}`,
  // ignores SIGTERM
  'stubborn.mjs': `
    process.on('SIGTERM', () => console.log('got SIGTERM, ignoring it'))
    console.log('ready')
    ${keepAlive}`,
  // never says it is ready
  'slow.mjs': `
    console.log('pid ' + process.pid)
    console.log('starting')
    ${keepAlive}`,
} as const

export type ScriptName = keyof typeof SCRIPTS

/** Write the scripts to a fresh temp dir; `path(name)` gives their location, `remove()` cleans up. */
export function writeScripts(): { dir: string; path: (name: ScriptName) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'st-sut-'))
  for (const [name, text] of Object.entries(SCRIPTS)) writeFileSync(join(dir, name), text)
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** whether a process with this pid exists: process.kill(pid, 0) throws ESRCH when it does not */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw e
  }
}

/** the number in the first output line `[stdout] <prefix> <n>` */
export function pidFromOutput(lines: string[], prefix: string): number {
  const line = lines.find((l) => l.startsWith(`[stdout] ${prefix} `))
  if (!line) throw new Error(`no "${prefix} <pid>" line in:\n${lines.join('\n')}`)
  return Number(line.slice(`[stdout] ${prefix} `.length))
}

/** gone, or a zombie waiting for init to reap it (it runs no code any more) */
export function dead(pid: number): boolean {
  if (!alive(pid)) return true
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return !alive(pid)
  }
}

/** a pino logger that keeps what it logs, as objects */
export function captureLogger(): { logger: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void records.push(JSON.parse(line) as Record<string, unknown>) })
  return { logger, records }
}
