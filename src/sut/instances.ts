import { SutError } from './sut-error.ts'
import type { Sut, SutExit } from './sut.ts'

/** Starts instance `index` of the SUT (ST_INSTANCE = index) and resolves once it is ready. */
export type StartInstance = (index: number) => Promise<Sut>

/** Called around every start of an instance (first start, restart after a kill, scale-up). */
export interface InstanceHooks {
  /** before the instance's process starts: e.g. note the group members that exist already */
  beforeStart?: (index: number) => Promise<void>
  /** once it is ready: e.g. attribute the group members that appeared to it */
  afterReady?: (index: number) => Promise<void>
}

/**
 * The SUT as N instances in one consumer group (DESIGN.md section 10, "Instances"). Instances are
 * started one after another, so that the members each one adds to the group can be told apart. Their
 * output is kept per instance and shown with an `[i]` prefix when there is more than one.
 */
export class SutInstances implements AsyncDisposable {
  readonly #start: StartInstance
  readonly #hooks: InstanceHooks
  readonly #live = new Map<number, Sut>()
  /** every instance ever started, for its output (a stopped one keeps its lines) */
  readonly #all = new Map<number, Sut>()
  readonly #listeners = new Set<(exit: SutExit) => void>()
  #exit: SutExit | undefined
  /** more than one instance was asked for at some point: errors and output name the instance */
  #many = false

  private constructor(start: StartInstance, hooks: InstanceHooks) {
    this.#start = start
    this.#hooks = hooks
  }

  /** Start `count` instances, 0..count-1, one after another; on a failure the started ones are stopped. */
  static async start(count: number, start: StartInstance, hooks: InstanceHooks = {}): Promise<SutInstances> {
    const all = new SutInstances(start, hooks)
    all.#many = count > 1
    try {
      for (let i = 0; i < count; i++) await all.#add(i)
    } catch (err) {
      await all.stop()
      throw err
    }
    return all
  }

  /** indices of the running instances, ascending */
  get running(): number[] {
    return [...this.#live.keys()].sort((a, b) => a - b)
  }

  /** the running instance `index`; throws when it does not run */
  get(index: number): Sut {
    const sut = this.#live.get(index)
    if (!sut) throw new Error(`SUT instance ${index} is not running (running: ${this.running.join(', ') || 'none'})`)
    return sut
  }

  async #add(index: number): Promise<void> {
    await this.#hooks.beforeStart?.(index)
    let sut: Sut
    try {
      sut = await this.#start(index)
    } catch (err) {
      if (err instanceof SutError && this.#many) {
        throw new SutError(`SUT instance ${index}: ${err.message.split('\n')[0]}`, err.output, err.code, { cause: err })
      }
      throw err
    }
    this.#live.set(index, sut)
    this.#all.set(index, sut)
    sut.onUnexpectedExit((exit) => this.#exited(index, exit))
    await this.#hooks.afterReady?.(index)
  }

  #exited(index: number, exit: SutExit): void {
    const error = this.#many ? new SutError(`SUT instance ${index}: ${exit.error.message.split('\n')[0]}`, this.output(), 'ST_SUT_EXIT') : exit.error
    this.#exit ??= { ...exit, error }
    for (const cb of this.#listeners) cb(this.#exit)
  }

  /** SIGKILL instance `index` (its process group); it stays down until `restart(index)`. */
  async crash(index = 0): Promise<void> {
    await this.get(index).crash()
  }

  /** Start a crashed (or running) instance again with the same context; resolves when ready. */
  async restart(index = 0): Promise<void> {
    const sut = this.get(index)
    await this.#hooks.beforeStart?.(index)
    await sut.restart()
    await this.#hooks.afterReady?.(index)
  }

  async pause(index = 0): Promise<void> {
    const sut = this.get(index)
    if (!sut.pause) throw new Error(`SUT instance ${index} (${sut.kind}) cannot be paused`)
    await sut.pause()
  }

  async resume(index = 0): Promise<void> {
    await this.#live.get(index)?.resume?.()
  }

  /**
   * Run `to` instances: start the lowest free indices, or gracefully stop the highest running ones (SIGTERM
   * and wait for the exit, as a deployment scaling down does). Returns the indices started and stopped.
   */
  async scaleTo(to: number): Promise<{ started: number[]; stopped: number[] }> {
    const started: number[] = []
    const stopped: number[] = []
    this.#many ||= to > 1
    while (this.#live.size > to) {
      const index = Math.max(...this.#live.keys())
      const sut = this.#live.get(index) as Sut
      this.#live.delete(index)
      await sut.stop()
      stopped.push(index)
    }
    for (let index = 0; this.#live.size < to; index++) {
      if (this.#live.has(index)) continue
      await this.#add(index)
      started.push(index)
    }
    return { started, stopped }
  }

  /** Called once, with the first instance that ended by itself (not through crash, stop or scale). */
  onUnexpectedExit(cb: (exit: SutExit) => void): () => void {
    this.#listeners.add(cb)
    if (this.#exit) cb(this.#exit)
    return () => this.#listeners.delete(cb)
  }

  /** every instance's last output lines, prefixed `[i] ` when the SUT ran as more than one instance */
  output(): string[] {
    if (!this.#many) return [...this.#all.values()].flatMap((s) => s.output())
    return [...this.#all.entries()].sort(([a], [b]) => a - b).flatMap(([i, s]) => s.output().map((line) => `[${i}] ${line}`))
  }

  /** Stop every running instance gracefully (paused ones are continued first). Idempotent. */
  async stop(): Promise<void> {
    const suts = [...this.#live.values()]
    this.#live.clear()
    await Promise.all(suts.map((s) => s.stop()))
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop()
  }
}
