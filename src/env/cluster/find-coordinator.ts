import type { Kafka } from 'kafkajs'
import { EnvironmentError } from '../../errors.ts'

/** What kafkajs's internal Cluster offers that its public API does not: FindCoordinator. */
interface InternalCluster {
  connect(): Promise<void>
  disconnect(): Promise<void>
  refreshMetadata(): Promise<void>
  findGroupCoordinatorMetadata(req: { groupId: string; coordinatorType: 0 | 1 }): Promise<{ coordinator: { nodeId: number } }>
}

/**
 * The broker that coordinates `key` right now, asked of the cluster with FindCoordinator (key type 0:
 * a consumer group, 1: a transactional id). kafkajs sends FindCoordinator for its consumers and
 * producers but keeps it off its public API; its Kafka object builds the Cluster that does it through a
 * private symbol. kafkajs is pinned (2.2.4), and this is the one place that reaches inside it.
 */
export async function findCoordinator(kafka: Kafka, key: string, type: 'group' | 'transaction'): Promise<number> {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')
  const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined
  if (typeof create !== 'function') throw new EnvironmentError('this kafkajs version hides its Cluster differently: cannot send FindCoordinator', 'ST_KAFKAJS_INTERNALS')
  const cluster = (create as (opts: object) => InternalCluster)({})
  await cluster.connect()
  try {
    // connect() reaches the seed broker only; the metadata fills the pool FindCoordinator picks from
    await cluster.refreshMetadata()
    const { coordinator } = await cluster.findGroupCoordinatorMetadata({ groupId: key, coordinatorType: type === 'group' ? 0 : 1 })
    return coordinator.nodeId
  } finally {
    await cluster.disconnect()
  }
}
