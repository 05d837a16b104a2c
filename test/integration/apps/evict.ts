import type { Admin, Kafka } from 'kafkajs'

interface Coordinator {
  leaveGroup(req: { groupId: string; memberId: string }): Promise<unknown>
}
interface Cluster {
  connect(): Promise<void>
  disconnect(): Promise<void>
  findGroupCoordinator(req: { groupId: string }): Promise<Coordinator>
}

/**
 * Remove every current member of `groupId` at once with LeaveGroup, as Kafka's admin does when it
 * removes a group's members: their partitions move without waiting for the session timeout. KafkaJS
 * has the request but no public API for it, so this goes through its cluster (test-only; the harness
 * has its own eviction). Returns the member ids it removed.
 */
export async function evictAllMembers(kafka: Kafka, admin: Admin, groupId: string): Promise<string[]> {
  const { groups } = await admin.describeGroups([groupId])
  const members = groups[0]?.members.map((m) => m.memberId) ?? []
  const key = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster')
  if (!key) throw new Error('this KafkaJS version has no private:Kafka:createCluster')
  const createCluster = (kafka as unknown as Record<symbol, (opts: object) => Cluster>)[key]!
  const cluster = createCluster({})
  await cluster.connect()
  try {
    const coordinator = await cluster.findGroupCoordinator({ groupId })
    for (const memberId of members) await coordinator.leaveGroup({ groupId, memberId })
  } finally {
    await cluster.disconnect()
  }
  return members
}
