import { randomBytes } from 'node:crypto'
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

/** Create the run's topics and wait for their leaders. */
export async function createRunTopics(admin: Admin, topics: { name: string; partitions: number }[]): Promise<void> {
  try {
    await admin.createTopics({
      topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })),
      waitForLeaders: true,
      timeout: 15_000,
    })
  } catch (err) {
    throw new EnvironmentError(`could not create topics ${topics.map((t) => t.name).join(', ')}: ${(err as Error).message}`, 'ST_TOPICS', { cause: err })
  }
}

/** Best effort: a run's topics are throw-away, and a failed delete must not hide the verdict. */
export async function deleteRunTopics(admin: Admin, names: string[]): Promise<void> {
  await admin.deleteTopics({ topics: names, timeout: 10_000 }).catch(() => undefined)
}
