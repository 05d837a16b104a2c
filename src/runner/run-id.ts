import type { Kafka } from 'kafkajs'
import { findCoordinator } from '../env/cluster/find-coordinator.ts'
import { EnvironmentError } from '../errors.ts'
import { newRunId, runGroupId } from '../kafka/index.ts'

/** Candidates tried before giving up: with N brokers each has a 1/N chance, so 40 misses mean the broker coordinates nothing. */
const MAX_CANDIDATES = 40

/**
 * A new run id. With `coordinator`, one whose SUT group (`<prefix><runId>.sut`) that broker coordinates
 * right now, asked with FindCoordinator for each candidate: the group's coordinator is the leader of the
 * `__consumer_offsets` partition its id hashes to, which the run cannot place, so it picks the id instead.
 * A broker step then meets the same coordinator on every run (`environment: { group-coordinator: N }`), or
 * one that is not the broker it faults (`group-coordinator: { not: N }`: leadership of `__consumer_offsets`
 * stays where an earlier scenario's broker kill moved it, so on a shared cluster a fixed N may lead nothing).
 */
export async function pickRunId(kafka: Kafka, prefix: string, coordinator?: number | { not: number }): Promise<string> {
  if (coordinator === undefined) return newRunId()
  const wanted = typeof coordinator === 'number' ? (id: number) => id === coordinator : (id: number) => id !== coordinator.not
  const seen = new Set<number>()
  for (let i = 0; i < MAX_CANDIDATES; i++) {
    const runId = newRunId()
    const found = await findCoordinator(kafka, runGroupId(runId, prefix), 'group')
    if (wanted(found)) return runId
    seen.add(found)
  }
  const what = typeof coordinator === 'number' ? `broker ${coordinator}` : `a broker other than ${coordinator.not}`
  throw new EnvironmentError(
    `no group id of ${MAX_CANDIDATES} tried is coordinated by ${what} (their coordinators: ${[...seen].sort().join(', ')}); a broker coordinates groups only while it leads a __consumer_offsets partition, and leadership stays where an earlier broker fault moved it`,
    'ST_COORDINATOR',
  )
}
