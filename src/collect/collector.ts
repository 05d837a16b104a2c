import type { Consumer, Kafka } from 'kafkajs'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { EnvironmentError } from '../errors.ts'
import { log } from '../log.ts'
import { decodeValue } from '../replay/codec.ts'
import type { TopicFormat } from '../replay/topic-format.ts'
import type { CollectedRecord, CollectedTopic } from './record.ts'

export interface CollectTarget {
  /** logical name from the scenario */
  topic: string
  /** real topic name */
  name: string
  format?: TopicFormat
}

export interface Collector {
  /** records so far, per logical topic */
  snapshot(): CollectedTopic[]
  /** ms timestamp of the last record seen at either isolation level */
  lastArrival(): number
  /** count of read_uncommitted records so far */
  uncommittedCount(): number
  /** resolves true once a read_uncommitted record satisfies `match`, false after `boundMs` */
  waitFor(match: (r: CollectedRecord) => boolean, boundMs: number): Promise<boolean>
  stop(): Promise<CollectedTopic[]>
}

/**
 * Reads every output topic from the start, twice: read_committed (what a downstream consumer sees)
 * and read_uncommitted (also aborted and open transactions). Each reader uses a fresh group that
 * commits nothing; `start` resolves once both have joined their groups. Each record (partition and
 * offset) is kept once per view, however often a rebalance makes its reader read it again.
 */
export async function startCollector(kafka: Kafka, groupPrefix: string, targets: CollectTarget[], registry?: SchemaRegistry): Promise<Collector> {
  const byName = new Map(targets.map((t) => [t.name, t]))
  const views = { committed: new Map<string, CollectedRecord[]>(), uncommitted: new Map<string, CollectedRecord[]>() }
  for (const t of targets) {
    views.committed.set(t.topic, [])
    views.uncommitted.set(t.topic, [])
  }
  let last = Date.now()
  const waiters = new Set<(r: CollectedRecord) => void>()
  const consumers: Consumer[] = []

  const reader = async (level: 'committed' | 'uncommitted'): Promise<void> => {
    // the group commits nothing, so after any rebalance KafkaJS reads each partition from the start
    // again: a record at or below the highest offset already kept for its partition is not new
    const highest = new Map<string, bigint>()
    const consumer = kafka.consumer({
      groupId: `${groupPrefix}.collect-${level}`,
      readUncommitted: level === 'uncommitted',
      maxWaitTimeInMs: 50,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    })
    consumers.push(consumer)
    await consumer.connect()
    for (const t of targets) await consumer.subscribe({ topic: t.name, fromBeginning: true })
    let joins = 0
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        if (++joins > 1) log().info({ group: payload.groupId }, 'collector group rebalanced: reading its partitions from the start again, keeping each record once')
        resolve()
      }),
    )
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const target = byName.get(topic)
        if (!target) return
        const at = `${partition}\0${topic}`
        const offset = BigInt(message.offset)
        if (offset <= (highest.get(at) ?? -1n)) return
        const headers: Record<string, string> = {}
        for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v)
        const record: CollectedRecord = {
          topic: target.topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: await decodeValue(message.value, registry, target.format?.value),
          headers,
          ts: Number(message.timestamp),
        }
        views[level].get(target.topic)?.push(record)
        highest.set(at, offset)
        last = Date.now()
        if (level === 'uncommitted') for (const w of waiters) w(record)
      },
    })
    await withTimeout(joined, 30_000, `collector (${level}) joining its consumer group`)
  }
  await Promise.all([reader('committed'), reader('uncommitted')])

  const snapshot = (): CollectedTopic[] =>
    targets.map((t) => ({ topic: t.topic, committed: [...(views.committed.get(t.topic) ?? [])], uncommitted: [...(views.uncommitted.get(t.topic) ?? [])] }))
  let stopped: Promise<CollectedTopic[]> | undefined
  return {
    snapshot,
    lastArrival: () => last,
    uncommittedCount: () => [...views.uncommitted.values()].reduce((n, rs) => n + rs.length, 0),
    waitFor(match, boundMs) {
      for (const rs of views.uncommitted.values()) if (rs.some(match)) return Promise.resolve(true)
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          resolve(false)
        }, boundMs)
        const check = (r: CollectedRecord): void => {
          if (!match(r)) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve(true)
        }
        waiters.add(check)
      })
    },
    stop: () =>
      (stopped ??= Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined))).then(snapshot)),
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnvironmentError(`timed out after ${ms} ms waiting for ${what}`, 'ST_TIMEOUT')), ms)
    }),
  ])
}
