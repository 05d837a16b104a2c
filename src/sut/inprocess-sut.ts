import type { Logger } from 'pino'
import { EnvironmentError } from '../errors.ts'
import { DEFAULT_STOP_TIMEOUT_MS, type Sut, type SutContext, type SutExit } from './sut.ts'
import { rejectAfter } from '../wait-until.ts'

/**
 * An in-process SUT: start it against `ctx` and resolve, once it is ready, with a function that stops it.
 * If it dies by itself later (a consumer's crash event, say), it calls `failed(error)`: the runner turns
 * that into an `error` verdict like a process SUT that exits on its own.
 */
export type InProcessRun = (
  ctx: SutContext,
  control: { failed: (error: unknown) => void },
) => Promise<() => Promise<void>>

export interface InProcessSutOptions {
  /** how long `run` may take to become ready; default 30000 */
  readyTimeoutMs?: number
  /** how long the stop function may take; default DEFAULT_STOP_TIMEOUT_MS (10 s) */
  stopTimeoutMs?: number
  logger?: Logger
}

export interface InProcessSut extends Sut {
  readonly kind: 'in-process'
}

/**
 * Start an in-process SUT. Unlike a process SUT, it shares the harness's process, so a crash cannot be a
 * SIGKILL: `crash()` calls the stop function and returns at once, without waiting for the graceful
 * shutdown; `restart()` waits (bounded by `stopTimeoutMs`) for that abandoned stop to settle, then calls
 * `run` again. Work the SUT finishes while stopping (committing offsets, say) still happens, so crash
 * windows are only really tested with process SUTs. `output()` is always empty.
 */
export async function startInProcessSut(
  run: InProcessRun,
  ctx: SutContext,
  options: InProcessSutOptions = {},
): Promise<InProcessSut> {
  const sut = new InProcessSutImpl(run, ctx, options)
  await sut.start()
  return sut
}

const DEFAULT_READY_TIMEOUT_MS = 30_000

class InProcessSutImpl implements InProcessSut {
  readonly kind = 'in-process' as const
  readonly #listeners = new Set<(exit: SutExit) => void>()
  #stopFn: (() => Promise<void>) | undefined
  /** a stop that `crash()` started and nobody waited for */
  #abandoned: Promise<void> | undefined
  #stopping: Promise<void> | undefined
  #unexpected: SutExit | undefined
  /** bumped on every start, so a late `failed()` from an earlier incarnation is ignored */
  #generation = 0

  readonly run: InProcessRun
  readonly ctx: SutContext
  readonly options: InProcessSutOptions

  constructor(run: InProcessRun, ctx: SutContext, options: InProcessSutOptions) {
    this.run = run
    this.ctx = ctx
    this.options = options
  }

  output(): string[] {
    return []
  }

  onUnexpectedExit(cb: (exit: SutExit) => void): () => void {
    this.#listeners.add(cb)
    if (this.#unexpected) cb(this.#unexpected)
    return () => this.#listeners.delete(cb)
  }

  async start(): Promise<void> {
    await this.#settleAbandoned()
    this.#stopping = undefined
    this.#unexpected = undefined
    const generation = ++this.#generation
    const failed = (error: unknown): void => {
      if (generation !== this.#generation || !this.#stopFn) return
      this.#stopFn = undefined
      const err = new EnvironmentError(`in-process SUT failed by itself: ${message(error)}`, 'ST_SUT_EXIT', { cause: error })
      this.options.logger?.warn({ err: message(error) }, 'in-process SUT failed by itself')
      this.#unexpected = { code: null, signal: null, output: [], error: err }
      for (const cb of this.#listeners) cb(this.#unexpected)
    }
    const ms = this.options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS
    const started = this.run(this.ctx, { failed })
    const timeout = rejectAfter(ms, () => new EnvironmentError(`in-process SUT not ready: run() did not resolve after ${ms}ms`, 'ST_SUT_READY'))
    try {
      this.#stopFn = await Promise.race([started, timeout.promise])
    } catch (err) {
      // if it becomes ready after all, stop it: nobody holds it any more
      void started.then((stop) => stop()).catch(() => {})
      if (err instanceof EnvironmentError) throw err
      throw new EnvironmentError(`in-process SUT failed to start: ${message(err)}`, 'ST_SUT_START', { cause: err })
    } finally {
      timeout.cancel()
    }
  }

  crash(): Promise<void> {
    const stop = this.#stopFn
    if (!stop) return Promise.resolve()
    this.#stopFn = undefined
    this.#abandoned = Promise.resolve()
      .then(stop)
      .catch((err: unknown) => this.options.logger?.warn({ err: message(err) }, 'in-process SUT: stop after crash failed'))
    return Promise.resolve()
  }

  async restart(): Promise<void> {
    if (this.#stopFn) await this.stop()
    await this.start()
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop()
    return this.#stopping
  }

  async #stop(): Promise<void> {
    await this.#settleAbandoned()
    const stop = this.#stopFn
    if (!stop) return
    this.#stopFn = undefined
    const ms = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
    const timeout = rejectAfter(ms, () => new EnvironmentError(`in-process SUT did not stop within ${ms}ms`, 'ST_SUT_STOP'))
    try {
      await Promise.race([stop(), timeout.promise])
    } catch (err) {
      if (err instanceof EnvironmentError) throw err
      throw new EnvironmentError(`in-process SUT failed to stop: ${message(err)}`, 'ST_SUT_STOP', { cause: err })
    } finally {
      timeout.cancel()
    }
  }

  async #settleAbandoned(): Promise<void> {
    const abandoned = this.#abandoned
    if (!abandoned) return
    this.#abandoned = undefined
    const ms = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS
    const timeout = rejectAfter(ms, () => new Error(`in-process SUT: stop after crash still running after ${ms}ms`))
    try {
      await Promise.race([abandoned, timeout.promise])
    } catch (err) {
      this.options.logger?.warn(message(err))
    } finally {
      timeout.cancel()
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
