import type { Admin, Consumer, Kafka } from 'kafkajs'
import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { EnvironmentError } from '../errors.ts'
import { log } from '../log.ts'
import { decodeValue } from '../kafka/index.ts'
import type { TopicFormat } from '../kafka/index.ts'
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
  /**
   * Output partitions not settled yet, as text: a reader short of the partition's stable end (the
   * last stable offset: read_committed ListOffsets), or records read beyond it (an open transaction).
   * Empty when both readers have read every partition exactly to its stable end.
   */
  behind(admin: Admin): Promise<string[]>
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
  // per view, `${name}\0${partition}` -> the next offset its reader will fetch (control records and
  // aborted records included: KafkaJS reports the end of every batch it consumed, also filtered ones)
  const positions = { committed: new Map<string, bigint>(), uncommitted: new Map<string, bigint>() }
  const advance = (level: 'committed' | 'uncommitted', topic: string, partition: number, next: bigint): void => {
    const key = `${topic}\0${partition}`
    if (next > (positions[level].get(key) ?? 0n)) positions[level].set(key, next)
  }
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
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => advance(level, payload.topic, payload.partition, BigInt(payload.lastOffset) + 1n))
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
        advance(level, topic, partition, offset + 1n)
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
    async behind(admin) {
      const out: string[] = []
      for (const t of targets) {
        for (const { partition, offset } of await admin.fetchTopicOffsets(t.name)) {
          const stable = BigInt(offset)
          const at = (level: 'committed' | 'uncommitted'): bigint => positions[level].get(`${t.name}\0${partition}`) ?? 0n
          const [c, u] = [at('committed'), at('uncommitted')]
          if (u > stable) out.push(`${t.topic}[${partition}] has a transaction open (stable to ${stable}, written to ${u})`)
          else if (c < stable || u < stable) out.push(`${t.topic}[${partition}] read to ${c < u ? c : u} of ${stable}`)
        }
      }
      return out
    },
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
