import type { Admin, Kafka, Producer } from 'kafkajs'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { kafkaFor, type Connection } from '../env/index.ts'
import { newRunId, registryFor, type TopicFormat } from '../kafka/index.ts'
import { openGroupMembership, type GroupMembership, type Membership, type OngoingFaults } from '../faults/index.ts'
import { openRun, type Run } from '../runner/index.ts'
import type { SutInstances } from '../sut/index.ts'

/** A topic of one test: `name` is the real topic (`st.<testId>.orders`), `topic` the short name (`orders`). */
export interface TopicHandle {
  name: string
  topic: string
  partitions: number
  format: TopicFormat
}

/** A SUT started by one test, with the consumer group it was given. */
export interface TestSut {
  sut: SutInstances
  group: string
  membership?: Membership
}

let shared: { key: string; kafka: Kafka } | undefined

/** One KafkaJS client per worker and broker; admins and producers are per test (see TestRun). */
function kafkaOf(conn: Connection): Kafka {
  const key = conn.brokers.join(',')
  if (shared?.key !== key) shared = { key, kafka: kafkaFor(conn, 'stream-test-vitest') }
  return shared.kafka
}

/**
 * Everything one test owns on the broker: a run (openRun) with its namespace `st.<testId>.`, its own admin
 * and producer (KafkaJS clients remember every topic they touched, and a deleted topic would break a
 * shared client's metadata refresh), its topics, SUTs and group memberships. Disposing it stops and
 * removes all of it, as a run of the CLI's is; a second dispose waits for the first.
 */
export class TestRun implements AsyncDisposable {
  readonly #run: Run
  readonly testId: string
  readonly namespace: string
  readonly kafka: Kafka
  readonly admin: Admin
  /** faults that outlast their step; the run ends them when the test ends */
  readonly ongoing: OngoingFaults
  readonly topics = new Map<string, TopicHandle>()
  /** real names of the topics replay() produced to -> the group of the SUT running then, if any */
  readonly inputs = new Map<string, string | undefined>()
  readonly suts: TestSut[] = []
  readonly seeds: number[] = []
  /** set when a SUT exits by itself; collect() stops waiting with this error */
  sutDied: Error | undefined
  #registry: SchemaRegistry | undefined
  #collectors = 0

  readonly connection: Connection
  readonly keepTopics: boolean

  /** A test's run on the broker of `connection`, its admin connected. */
  static async open(connection: Connection, keepTopics: boolean): Promise<TestRun> {
    const run = await openRun(kafkaOf(connection), { runId: newRunId(), prefix: connection.topicPrefix ?? 'st.', keepTopics })
    return new TestRun(run, connection, keepTopics)
  }

  private constructor(run: Run, connection: Connection, keepTopics: boolean) {
    this.#run = run
    this.connection = connection
    this.keepTopics = keepTopics
    this.testId = run.runId
    this.namespace = run.namespace
    this.kafka = run.kafka
    this.admin = run.admin
    this.ongoing = run.ongoing
  }

  producer(): Promise<Producer> {
    return this.#run.producer()
  }

  registry = (): SchemaRegistry => (this.#registry ??= registryFor(this.connection))

  /** Create the test's topic `handle.topic` (as `handle.name`); removed with the test's run. */
  async createTopic(handle: TopicHandle): Promise<void> {
    this.topics.set(handle.topic, handle)
    await this.#run.createTopics([{ name: handle.topic, partitions: handle.partitions }])
  }

  /** a SUT the test started: stopped when the test ends */
  addSut(started: TestSut): void {
    this.suts.push(this.#run.own('SUT', started, (s) => s.sut.stop()))
  }

  /** a fresh consumer group prefix for one collector */
  collectorGroup(): string {
    return `${this.namespace}collect-${++this.#collectors}`
  }

  /** who owns which members of a SUT's group, for eviction after a kill or pause (closed with the run) */
  async membership(group: string): Promise<GroupMembership> {
    return this.#run.own('group membership', await openGroupMembership(this.connection, group), (m) => m.close())
  }

  /** the group of the SUT started last, which collect() waits on */
  latestGroup(): string | undefined {
    return this.suts.at(-1)?.group
  }

  /** the replayed topics `group` consumes: those replayed while it ran, or before any SUT ran */
  inputsOf(group: string): string[] {
    return [...this.inputs].filter(([, g]) => g === undefined || g === group).map(([topic]) => topic)
  }

  topicsByShortName(): Record<string, string> {
    return Object.fromEntries([...this.topics.values()].map((t) => [t.topic, t.name]))
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.#run[Symbol.asyncDispose]()
  }
}
