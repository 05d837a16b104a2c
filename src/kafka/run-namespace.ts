import { randomBytes } from 'node:crypto'
import { setTimeout as pause } from 'node:timers/promises'
import type { Admin } from 'kafkajs'
import { EnvironmentError } from '../errors.ts'

/** A short id for one run: lowercase, safe in topic names, group ids and SQL identifiers. */
export function newRunId(): string {
  return randomBytes(5).toString('hex')
}

/** Every run owns `st.<runId>.<name>`; runs never see each other's data. */
export function runTopicName(runId: string, name: string, prefix = 'st.'): string {
  return `${prefix}${runId}.${name}`
}

export function runGroupId(runId: string, prefix = 'st.'): string {
  return `${prefix}${runId}.sut`
}

/**
 * Create the run's topics and wait until the broker serves them: every partition has a leader and
 * answers ListOffsets. (KafkaJS's own `waitForLeaders` only retries LEADER_NOT_AVAILABLE, but a KRaft
 * broker answers UNKNOWN_TOPIC_OR_PARTITION until it has applied the new metadata.)
 */
export async function createRunTopics(admin: Admin, topics: { name: string; partitions: number; leaders?: readonly number[] | undefined }[], timeoutMs = 15_000): Promise<void> {
  const names = topics.map((t) => t.name)
  try {
    const brokers = topics.some((t) => t.leaders) ? (await admin.describeCluster()).brokers.map((b) => b.nodeId) : []
    await admin.createTopics({
      // no replication factor: the broker's default (1 on one local node, 3 on a local cluster)
      topics: topics.map((t) => (t.leaders
        ? { topic: t.name, replicaAssignment: t.leaders.map((leader, partition) => ({ partition, replicas: replicasLedBy(leader, brokers) })) }
        : { topic: t.name, numPartitions: t.partitions })),
      waitForLeaders: false,
      timeout: timeoutMs,
    })
  } catch (err) {
    throw new EnvironmentError(`could not create topics ${names.join(', ')}: ${(err as Error).message}`, 'ST_TOPICS', { cause: err })
  }
  const deadline = Date.now() + timeoutMs
  let last = ''
  for (;;) {
    try {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: names })
      const ready = meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
      if (ready) {
        await Promise.all(names.map((n) => admin.fetchTopicOffsets(n)))
        return
      }
      last = 'partitions without a leader'
    } catch (err) {
      last = (err as Error).message
    }
    if (Date.now() > deadline) throw new EnvironmentError(`topics ${names.join(', ')} not served after ${timeoutMs} ms (${last})`, 'ST_TOPICS')
    await pause(50)
  }
}

/** `leader` first, then the next brokers by number (wrapping), as many as a cluster's default replication factor (3 at most). */
export function replicasLedBy(leader: number, brokers: readonly number[]): number[] {
  const ids = [...brokers].sort((a, b) => a - b)
  if (!ids.includes(leader)) throw new EnvironmentError(`no broker ${leader} to lead a partition (brokers: ${ids.join(', ')})`, 'ST_TOPICS')
  const from = ids.indexOf(leader)
  return Array.from({ length: Math.min(3, ids.length) }, (_, i) => ids[(from + i) % ids.length]!)
}

/** Best effort: a run's topics are throw-away, and a failed delete must not hide the verdict. */
export async function deleteRunTopics(admin: Admin, names: string[]): Promise<void> {
  await admin.deleteTopics({ topics: names, timeout: 10_000 }).catch(() => undefined)
}
