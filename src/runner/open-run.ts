import type { Admin, Kafka, Producer } from 'kafkajs'
import { EnvironmentError } from '../errors.ts'
import { ongoingFaults, type OngoingFaults } from '../faults/index.ts'
import { createRunTopics, deleteRunTopics, runGroupId, runTopicName } from '../kafka/index.ts'
import { log } from '../log.ts'

export interface OpenRunOptions {
  /** the run's id: its topics are `<prefix><runId>.<name>`, its SUT's group `<prefix><runId>.sut` */
  runId: string
  /** default `st.` */
  prefix?: string
  /** leave the run's topics on the broker when it ends (`--keep-topics`) */
  keepTopics?: boolean
}

/** A topic of the run, by its short name (`orders`); created as `<prefix><runId>.orders`. */
export interface RunTopic {
  name: string
  partitions: number
  leaders?: readonly number[] | undefined
}

/**
 * One run on the broker (DESIGN.md "run"): its namespace, its own admin, and everything started for it
 * that must not outlive it. Disposing it — `await using run = await openRun(...)` — ends, in this order:
 * the faults still on (a killed or paused broker back, every proxy clean: the next run shares the
 * environment), then everything the run owns at once (SUT instances, stopped and paused ones continued
 * first; collectors; the producer; group memberships), then its topics are deleted (unless kept), and
 * its admin disconnects. Disposing again, or from two places, waits for the same cleanup; cleanup never
 * throws (a failure is logged), so it cannot hide the error that ended the run.
 *
 * The runner (executeRun, so also backfill's runs) and the vitest face (TestRun, one per test) use it.
 */
export class Run implements AsyncDisposable {
  readonly runId: string
  /** `<prefix><runId>.`: every topic and group of the run starts with it */
  readonly namespace: string
  /** the group a run's (first) SUT consumes with */
  readonly groupId: string
  readonly kafka: Kafka
  /**
   * The run's own admin: KafkaJS keeps every topic it has touched in its metadata set, and a deleted
   * topic would fail every later metadata refresh of a shared admin.
   */
  readonly admin: Admin
  /** faults that outlast their step (a killed broker, a network fault), ended first on dispose */
  readonly ongoing: OngoingFaults = ongoingFaults()
  readonly #prefix: string
  readonly #keepTopics: boolean
  readonly #topics = new Set<string>()
  readonly #owned: { what: string; stop: () => Promise<unknown> }[] = []
  #producer: Promise<Producer> | undefined
  #disposed: Promise<void> | undefined

  constructor(kafka: Kafka, admin: Admin, o: OpenRunOptions) {
    this.kafka = kafka
    this.admin = admin
    this.runId = o.runId
    this.#prefix = o.prefix ?? 'st.'
    this.#keepTopics = o.keepTopics === true
    this.namespace = `${this.#prefix}${o.runId}.`
    this.groupId = runGroupId(o.runId, this.#prefix)
  }

  /** the real name of the run's topic `name` */
  topicName(name: string): string {
    return runTopicName(this.runId, name, this.#prefix)
  }

  /** true once disposal has begun: nothing more may be started for the run */
  get disposed(): boolean {
    return this.#disposed !== undefined
  }

  /**
   * Create the run's topics (short names) and wait until the broker serves them. They are deleted with
   * the run, also those a failed creation made before it failed.
   */
  async createTopics(topics: readonly RunTopic[]): Promise<void> {
    this.#assertOpen('create topics')
    const named = topics.map((t) => ({ name: this.topicName(t.name), partitions: t.partitions, leaders: t.leaders }))
    for (const t of named) this.#topics.add(t.name)
    await createRunTopics(this.admin, named)
  }

  /** Stop `thing` with `stop` when the run is disposed; returns it. `stop` may be called again after it ran. */
  own<T>(what: string, thing: T, stop: (thing: T) => Promise<unknown>): T {
    this.#owned.push({ what, stop: () => stop(thing) })
    return thing
  }

  /** The run's idempotent producer, connected on first use, disconnected with the run. */
  producer(): Promise<Producer> {
    this.#assertOpen('start a producer')
    return (this.#producer ??= (async () => {
      const producer = this.own('producer', this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 }), (p) => p.disconnect())
      await producer.connect()
      return producer
    })())
  }

  /**
   * End every fault still on now (a killed broker without `for` is restarted): the runner calls it before
   * a run is judged, so a node that cannot come back fails that run; disposal calls it again for runs that
   * ended early, and only logs.
   */
  async endFaults(): Promise<void> {
    try {
      await this.ongoing.endAll()
    } catch (err) {
      throw new EnvironmentError(`a broker or network fault could not be ended after the run: ${(err as Error).message}`, 'ST_FAULT_NOT_ENDED', { cause: err })
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return (this.#disposed ??= this.#dispose())
  }

  async #dispose(): Promise<void> {
    await this.endFaults().catch((err: unknown) => log().error({ err, runId: this.runId }, 'could not end a broker or network fault'))
    await Promise.all(this.#owned.map(({ what, stop }) => stop().catch((err: unknown) => log().debug({ err, runId: this.runId }, `run cleanup: ${what}`))))
    if (!this.#keepTopics && this.#topics.size > 0) await deleteRunTopics(this.admin, [...this.#topics])
    await this.admin.disconnect().catch((err: unknown) => log().debug({ err, runId: this.runId }, 'run cleanup: admin'))
  }

  #assertOpen(what: string): void {
    if (this.#disposed) throw new Error(`cannot ${what}: run ${this.runId} has ended`)
  }
}

/**
 * Open a run: connect its own admin. A failed connect disconnects that admin again before the error
 * is thrown, so a run that never opened leaves no client behind.
 */
export async function openRun(kafka: Kafka, o: OpenRunOptions): Promise<Run> {
  const admin = kafka.admin()
  try {
    await admin.connect()
  } catch (err) {
    await admin.disconnect().catch(() => undefined)
    throw err
  }
  return new Run(kafka, admin, o)
}
