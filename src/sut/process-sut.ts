import type { Logger } from 'pino'
import { InputError } from '../errors.ts'
import { commandLine } from '../text/index.ts'
import { OutputRing } from './output-ring.ts'
import { groupRunning, signalGroup } from './process-group.ts'
import { spawnGroup, type GroupLeader, type ProcessEnd } from './spawn-group.ts'
import { SutError } from './sut-error.ts'
import { renderArgs, renderTemplate, sutEnv } from './sut-env.ts'
import { DEFAULT_STOP_TIMEOUT_MS, type Sut, type SutContext, type SutExit } from './sut.ts'
import { rejectAfter, waitUntil } from '../wait-until.ts'

/** When a SUT counts as ready: an output line matches `log` (a regex), or its consumer group is stable. */
export type Readiness = { log: string } | { group: 'stable' }

export interface ProcessSutSpec {
  command: string
  /** may use `{{brokers}}`, `{{registry}}`, `{{group}}`, `{{runId}}`, `{{topics.<name>}}` */
  args?: string[]
  cwd?: string
  /** added to the harness's environment and the SUT variables; values are templated like `args` */
  env?: Record<string, string>
  /** omitted: ready once spawned */
  ready?: Readiness
  /** SIGTERM, then SIGKILL after this long; default DEFAULT_STOP_TIMEOUT_MS (10 s) */
  stopTimeoutMs?: number
  /** default 30000 */
  readyTimeoutMs?: number
}

export interface ProcessSutHooks {
  /** required by `ready: { group: 'stable' }`: whether the SUT's consumer group is stable */
  isGroupStable?: () => Promise<boolean>
  /** SUT output lines go here at debug, lifecycle at info */
  logger?: Logger
  /** how many output lines to keep; default 200 */
  outputLines?: number
}

export interface ProcessSut extends Sut {
  readonly kind: 'process'
  /** pid of the running process (also its process group id); undefined while it is not running */
  readonly pid: number | undefined
}

const DEFAULT_READY_TIMEOUT_MS = 30_000
const GROUP_POLL_MS = 100
/** after the leader exited, how long the rest of its group (already sent SIGKILL) may take to vanish */
const GROUP_GONE_BOUND_MS = 2000

/** Spawn the SUT and resolve once it is ready; rejects with a `SutError` naming why it is not. */
export async function startProcessSut(
  spec: ProcessSutSpec,
  ctx: SutContext,
  hooks: ProcessSutHooks = {},
): Promise<ProcessSut> {
  const sut = new ProcessSutImpl(spec, ctx, hooks)
  await sut.start()
  return sut
}

interface Incarnation {
  leader: GroupLeader
  ready: boolean
  /** we ended it (crash/stop/failed readiness): its exit is not unexpected */
  intended: boolean
  /** stopped with SIGSTOP and not continued yet */
  paused: boolean
}

class ProcessSutImpl implements ProcessSut {
  readonly kind = 'process' as const
  readonly #spec: ProcessSutSpec
  readonly #hooks: ProcessSutHooks
  readonly #args: string[]
  readonly #env: NodeJS.ProcessEnv
  readonly #label: string
  readonly #readyLog: RegExp | undefined
  readonly #ring: OutputRing
  readonly #listeners = new Set<(exit: SutExit) => void>()
  #current: Incarnation | undefined
  /** an exit nobody asked for, kept until the next start, so a late subscriber still hears of it */
  #unexpected: SutExit | undefined
  #stopping: Promise<void> | undefined

  constructor(spec: ProcessSutSpec, ctx: SutContext, hooks: ProcessSutHooks) {
    this.#spec = spec
    this.#hooks = hooks
    this.#args = renderArgs(spec.args ?? [], ctx)
    const extra = Object.fromEntries(
      Object.entries(spec.env ?? {}).map(([k, v]) => [k, renderTemplate(v, ctx, `sut.env.${k}`)]),
    )
    this.#env = { ...process.env, ...sutEnv(ctx), ...extra }
    this.#label = label(spec.command, this.#args)
    this.#ring = new OutputRing(hooks.outputLines ?? 200)
    if (spec.ready && 'log' in spec.ready) this.#readyLog = compile(spec.ready.log)
    if (spec.ready && 'group' in spec.ready && !hooks.isGroupStable) {
      throw new InputError('ready: { group: stable } needs a way to ask whether the group is stable', {
        path: 'sut.ready',
        expected: 'hooks.isGroupStable passed to startProcessSut',
        found: 'no hook',
      })
    }
  }

  get pid(): number | undefined {
    return this.#current?.leader.pid
  }

  output(): string[] {
    return this.#ring.lines()
  }

  onUnexpectedExit(cb: (exit: SutExit) => void): () => void {
    this.#listeners.add(cb)
    if (this.#unexpected) cb(this.#unexpected)
    return () => this.#listeners.delete(cb)
  }

  async start(): Promise<void> {
    this.#stopping = undefined
    this.#unexpected = undefined
    const log = this.#hooks.logger
    let sawReadyLine: () => void = () => {}
    const readyLine = new Promise<void>((r) => (sawReadyLine = r))
    const onLine = (stream: 'stdout' | 'stderr', line: string): void => {
      this.#ring.push(`[${stream}] ${line}`)
      log?.debug({ sut: this.#label, stream }, line)
      if (this.#readyLog?.test(line)) sawReadyLine()
    }
    let leader: GroupLeader
    try {
      leader = await spawnGroup(this.#spec.command, {
        args: this.#args,
        env: this.#env,
        onLine,
        ...(this.#spec.cwd !== undefined ? { cwd: this.#spec.cwd } : {}),
      })
    } catch (err) {
      const hint = `check that \`${this.#spec.command}\` is on PATH${this.#spec.cwd ? ` and that cwd ${this.#spec.cwd} exists` : ''}`
      throw new SutError(
        `SUT \`${this.#label}\` could not be started: ${(err as Error).message}; ${hint}`,
        this.output(),
        'ST_SUT_SPAWN',
        { cause: err },
      )
    }
    const inc: Incarnation = { leader, ready: false, intended: false, paused: false }
    this.#current = inc
    void leader.ended.then((end) => this.#ended(inc, end))
    log?.info({ sut: this.#label, pid: leader.pid }, 'SUT started')
    try {
      await this.#waitReady(inc, readyLine)
    } catch (err) {
      await this.#kill(inc)
      throw err
    }
    inc.ready = true
    log?.info({ sut: this.#label, pid: leader.pid }, 'SUT ready')
  }

  async #waitReady(inc: Incarnation, readyLine: Promise<void>): Promise<void> {
    const ready = this.#spec.ready
    if (!ready) return
    const timeoutMs = this.#spec.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS
    const exitedEarly: Promise<never> = inc.leader.ended.then((end) => {
      throw new SutError(`SUT \`${this.#label}\` ${describeEnd(end)} before it was ready`, this.output(), 'ST_SUT_EXIT')
    })
    exitedEarly.catch(() => {})
    const notReady = (what: string): Error =>
      new SutError(`SUT \`${this.#label}\` not ready: ${what} after ${timeoutMs}ms`, this.output(), 'ST_SUT_READY')
    if ('log' in ready) {
      const timeout = rejectAfter(timeoutMs, () => notReady(`no output line matched /${ready.log}/`))
      try {
        await Promise.race([readyLine, exitedEarly, timeout.promise])
      } finally {
        timeout.cancel()
      }
      return
    }
    const hook = this.#hooks.isGroupStable as () => Promise<boolean>
    const group = this.#env.ST_GROUP_ID
    const isStable = (): Promise<boolean> =>
      hook().catch((err: unknown) => {
        const why = err instanceof Error ? err.message : String(err)
        throw new SutError(`SUT \`${this.#label}\` not ready: asking whether group "${group}" is stable failed: ${why}`, this.output(), 'ST_SUT_READY', { cause: err })
      })
    await waitUntil(isStable, {
      intervalMs: GROUP_POLL_MS,
      timeoutMs,
      onTimeout: () => notReady(`consumer group "${group}" not stable`),
      abort: exitedEarly,
    })
  }

  #ended(inc: Incarnation, end: ProcessEnd): void {
    if (this.#current === inc) this.#current = undefined
    if (inc.intended || !inc.ready) return
    const error = new SutError(
      `SUT \`${this.#label}\` (pid ${inc.leader.pid}) ${describeEnd(end)} by itself`,
      this.output(),
      'ST_SUT_EXIT',
    )
    this.#hooks.logger?.warn({ sut: this.#label, pid: inc.leader.pid, ...end }, 'SUT exited by itself')
    const exit: SutExit = { ...end, output: this.output(), error }
    this.#unexpected = exit
    for (const cb of this.#listeners) cb(exit)
  }

  async crash(): Promise<void> {
    const inc = this.#current
    if (!inc) return
    this.#ring.push(`[harness] crash: SIGKILL to process group ${inc.leader.pid}`)
    this.#hooks.logger?.info({ sut: this.#label, pid: inc.leader.pid }, 'SUT crash: SIGKILL')
    await this.#kill(inc)
  }

  async pause(): Promise<void> {
    const inc = this.#current
    if (!inc || inc.paused) return
    this.#ring.push(`[harness] pause: SIGSTOP to process group ${inc.leader.pid}`)
    this.#hooks.logger?.info({ sut: this.#label, pid: inc.leader.pid }, 'SUT pause: SIGSTOP')
    inc.paused = true
    signalGroup(inc.leader.pid, 'SIGSTOP')
  }

  async resume(): Promise<void> {
    const inc = this.#current
    if (!inc?.paused) return
    this.#ring.push(`[harness] resume: SIGCONT to process group ${inc.leader.pid}`)
    this.#hooks.logger?.info({ sut: this.#label, pid: inc.leader.pid }, 'SUT resume: SIGCONT')
    inc.paused = false
    signalGroup(inc.leader.pid, 'SIGCONT')
  }

  /** SIGKILL the whole group; resolves when the leader was reaped and the group is gone */
  async #kill(inc: Incarnation): Promise<void> {
    inc.intended = true
    signalGroup(inc.leader.pid, 'SIGKILL')
    await inc.leader.ended
    await this.#groupGone(inc.leader.pid)
  }

  async restart(): Promise<void> {
    if (this.#current) await this.stop()
    this.#ring.push('[harness] restart')
    await this.start()
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop()
    return this.#stopping
  }

  async #stop(): Promise<void> {
    const inc = this.#current
    if (!inc) return
    inc.intended = true
    const pid = inc.leader.pid
    const ms = this.#spec.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
    this.#hooks.logger?.info({ sut: this.#label, pid }, 'SUT stop: SIGTERM')
    signalGroup(pid, 'SIGTERM')
    // a stopped process keeps SIGTERM pending until it runs again
    if (inc.paused) await this.resume()
    const grace = rejectAfter(ms, () => new Error(`SUT still running ${ms}ms after SIGTERM`))
    try {
      await Promise.race([inc.leader.ended, grace.promise])
    } catch {
      this.#ring.push(`[harness] still running ${ms}ms after SIGTERM: SIGKILL to process group ${pid}`)
      this.#hooks.logger?.warn({ sut: this.#label, pid }, `SUT still running ${ms}ms after SIGTERM: SIGKILL`)
      signalGroup(pid, 'SIGKILL')
      await inc.leader.ended
    } finally {
      grace.cancel()
    }
    await this.#groupGone(pid)
  }

  /** The leader is gone and its group got SIGKILL; wait (bounded) until none of them runs any more. */
  async #groupGone(pid: number): Promise<void> {
    await waitUntil(() => !groupRunning(pid), {
      intervalMs: 10,
      timeoutMs: GROUP_GONE_BOUND_MS,
      onTimeout: () => new Error(`process group ${pid} still has running members ${GROUP_GONE_BOUND_MS}ms after SIGKILL`),
    }).catch((err: Error) => this.#hooks.logger?.warn({ sut: this.#label, pid }, err.message))
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern)
  } catch (err) {
    throw new InputError(`ready.log is not a valid regular expression: ${(err as Error).message}`, {
      path: 'sut.ready.log',
      expected: 'a JavaScript regular expression',
      found: JSON.stringify(pattern),
    })
  }
}

function describeEnd(end: ProcessEnd): string {
  return end.code !== null ? `exited with code ${end.code}` : `was killed by ${end.signal ?? 'a signal'}`
}

/** `node app.mjs --in 'a b'`, cut at 200 characters */
function label(command: string, args: string[]): string {
  const text = commandLine([command, ...args])
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}
