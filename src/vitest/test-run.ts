import type { Admin, Kafka, Producer } from 'kafkajs'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { kafkaFor, type Connection } from '../env/index.ts'
import { log } from '../log.ts'
import { registryFor } from '../kafka/index.ts'
import { deleteRunTopics, newRunId } from '../kafka/index.ts'
import type { TopicFormat } from '../kafka/index.ts'
import { openGroupMembership, type GroupMembership, type Membership } from '../faults/index.ts'
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
 * Everything one test owns on the broker: its namespace `st.<testId>.`, topics, SUTs, its own admin
 * and producer (KafkaJS clients remember every topic they touched, and a deleted topic would break a
 * shared client's metadata refresh). `close()` stops and removes all of it.
 */
export class TestRun {
  readonly testId = newRunId()
  readonly namespace: string
  readonly kafka: Kafka
  readonly topics = new Map<string, TopicHandle>()
  /** real names of the topics replay() produced to -> the group of the SUT running then, if any */
  readonly inputs = new Map<string, string | undefined>()
  readonly suts: TestSut[] = []
  readonly seeds: number[] = []
  /** set when a SUT exits by itself; collect() stops waiting with this error */
  sutDied: Error | undefined
  #admin: Promise<Admin> | undefined
  #producer: Promise<Producer> | undefined
  #registry: SchemaRegistry | undefined
  #collectors = 0
  readonly #memberships: GroupMembership[] = []

  readonly connection: Connection
  readonly keepTopics: boolean

  constructor(connection: Connection, keepTopics: boolean) {
    this.connection = connection
    this.keepTopics = keepTopics
    this.namespace = `${connection.topicPrefix ?? 'st.'}${this.testId}.`
    this.kafka = kafkaOf(connection)
  }

  admin(): Promise<Admin> {
    return (this.#admin ??= (async () => {
      const admin = this.kafka.admin()
      await admin.connect()
      return admin
    })())
  }

  producer(): Promise<Producer> {
    return (this.#producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
      await producer.connect()
      return producer
    })())
  }

  registry = (): SchemaRegistry => (this.#registry ??= registryFor(this.connection))

  /** a fresh consumer group prefix for one collector */
  collectorGroup(): string {
    return `${this.namespace}collect-${++this.#collectors}`
  }

  /** the group of the SUT started last, which collect() waits on */
  /** who owns which members of a SUT's group, for eviction after a kill or pause (closed with the run) */
  async membership(group: string): Promise<GroupMembership> {
    const membership = await openGroupMembership(this.connection, group)
    this.#memberships.push(membership)
    return membership
  }

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

  async close(): Promise<void> {
    const quietly = (what: string) => (err: unknown) => log().debug({ err }, `vitest cleanup: ${what}`)
    await Promise.all(this.suts.map(({ sut }) => sut.stop().catch(quietly('sut stop'))))
    await Promise.all(this.#memberships.map((m) => m.close().catch(quietly('group membership'))))
    if (this.#producer) await (await this.#producer).disconnect().catch(quietly('producer'))
    if (this.#admin) {
      const admin = await this.#admin
      if (!this.keepTopics && this.topics.size > 0) await deleteRunTopics(admin, [...this.topics.values()].map((t) => t.name))
      await admin.disconnect().catch(quietly('admin'))
    }
  }
}
