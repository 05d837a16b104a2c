import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

export const PROJECT = resolve(import.meta.dirname, 'fixture-project')
const ROOT = resolve(import.meta.dirname, '../../..')
const VITEST = join(ROOT, 'node_modules/.bin/vitest')

/**
 * The fixture project imports `stream-test`, `stream-test/vitest` and `stream-test/vitest/plugin` by name,
 * as an app does; inside this package Node resolves its own name through package.json "exports", so they
 * load the built dist/. A dist/ older than src/ would test old code: that is an error saying what to run.
 */
function checkDistBuilt(): void {
  const entry = join(ROOT, 'dist/vitest/index.js')
  const builtAt = statSync(entry, { throwIfNoEntry: false })?.mtimeMs ?? 0
  const changed = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).find(
    (e) => e.isFile() && statSync(join(e.parentPath, e.name)).mtimeMs > builtAt,
  )
  if (changed) {
    const what = builtAt === 0 ? `${entry} is missing` : `src/ changed after the last build (${join(changed.parentPath, changed.name).slice(ROOT.length + 1)})`
    throw new Error(`${what}: run npm run build (the fixture project uses stream-test through its package exports, which point at dist/)`)
  }
}

export interface VitestRun {
  code: number | null
  signal: NodeJS.Signals | null
  output: string
  report: JsonReport | undefined
}

/** The parts of vitest's JSON report these tests read. */
export interface JsonReport {
  numPassedTests: number
  numFailedTests: number
  testResults: {
    name: string
    status: string
    startTime: number
    endTime: number
    assertionResults: { title: string; status: string; failureMessages: string[] }[]
  }[]
}

/** The environment of a vitest started from inside a vitest worker, without the worker's own markers. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('VITEST') && k !== 'TEST' && k !== 'NODE_ENV') env[k] = v
  return { ...env, STREAM_TEST_QUIET: '0', ...extra }
}

/** Start `vitest run <files>` in the fixture project, in its own process group (like a terminal job). */
export function startVitest(files: string[], env: Record<string, string>): { child: ChildProcess; reportFile: string; output: () => string } {
  checkDistBuilt()
  const reportFile = join(mkdtempSync(join(tmpdir(), 'st-vitest-report-')), 'report.json')
  const child = spawn(VITEST, ['run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], {
    cwd: PROJECT,
    env: childEnv(env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  return { child, reportFile, output: () => output }
}

/** Run vitest on some cases of the fixture project to the end and read its JSON report. */
export async function runVitest(files: string[], env: Record<string, string>, timeoutMs = 150_000): Promise<VitestRun> {
  const { child, reportFile, output } = startVitest(files, env)
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), timeoutMs)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])))
  clearTimeout(timer)
  let report: JsonReport | undefined
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport
  } catch {
    report = undefined
  }
  rmSync(dirname(reportFile), { recursive: true, force: true })
  return { code, signal, output: output(), report }
}
