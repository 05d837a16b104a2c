import { kafkaFor, type Connection } from '../env/index.ts'
import { waitUntil } from '../wait-until.ts'
import {
  API,
  describeGroupsV4,
  leaveGroupV3,
  listGroupsV5,
  type DescribedGroup,
  type LeaveGroupAnswer,
  type LeaveGroupMember,
} from './group-requests.ts'
import { kafkajsInternals, type KafkajsBroker, type KafkajsCluster, type ProtocolRequest, type ProtocolResponse } from './kafkajs-internals.ts'

class UnsupportedByBroker extends Error {
  override readonly name = 'UnsupportedByBroker'
}

/** Group-level errors that mean "ask the coordinator again": loading, not available, moved. */
const COORDINATOR_RETRY = new Set([14, 15, 16])

/**
 * What the group fault steps ask a group's coordinator: describe it with member identities, tell its
 * type (classic or KIP-848 consumer/streams), and remove members by id. One KafkaJS cluster connection
 * (the same brokers, TLS and SASL as every other harness client); the coordinator is found once per group
 * and found again when it moved. Close it (or `await using`).
 */
export interface GroupAdmin extends AsyncDisposable {
  /** DescribeGroups v4; a group that does not exist, or is not a classic group, reads as state Dead with no members */
  describe(groupId: string): Promise<DescribedGroup>
  /** classic, consumer, streams or share (ListGroups v5); undefined when the group is unknown or the broker predates ListGroups v5 */
  groupType(groupId: string): Promise<string | undefined>
  /** LeaveGroup v3 with these member identities, all in one request; every member's error code comes back */
  leave(groupId: string, members: LeaveGroupMember[]): Promise<LeaveGroupAnswer>
  close(): Promise<void>
}

export interface GroupAdminOptions {
  /** how long one call keeps retrying a coordinator that is loading or moved (default 10 000 ms) */
  timeoutMs?: number
}

export async function openGroupAdmin(conn: Connection, opts: GroupAdminOptions = {}): Promise<GroupAdmin> {
  const cluster = kafkajsInternals().createCluster(kafkaFor(conn, 'stream-test-faults'))
  await cluster.connect()
  return new CoordinatorGroupAdmin(cluster, opts.timeoutMs ?? 10_000)
}

class CoordinatorGroupAdmin implements GroupAdmin {
  private readonly coordinators = new Map<string, KafkajsBroker>()
  private closed: Promise<void> | undefined
  private readonly cluster: KafkajsCluster
  private readonly timeoutMs: number

  constructor(cluster: KafkajsCluster, timeoutMs: number) {
    this.cluster = cluster
    this.timeoutMs = timeoutMs
  }

  async describe(groupId: string): Promise<DescribedGroup> {
    const byId = (groups: DescribedGroup[]): DescribedGroup | undefined => groups.find((g) => g.groupId === groupId)
    const groups = await this.ask(groupId, 'DescribeGroups v4', API.DescribeGroups, 4, () => describeGroupsV4([groupId]), (gs) => byId(gs)?.errorCode ?? 0)
    const group = byId(groups)
    if (!group) throw new Error(`DescribeGroups for group ${groupId}: the coordinator answered without that group`)
    return group
  }

  async groupType(groupId: string): Promise<string | undefined> {
    try {
      const { groups } = await this.ask(groupId, 'ListGroups v5', API.ListGroups, 5, () => listGroupsV5(), (r) => r.errorCode)
      return groups.find((g) => g.groupId === groupId)?.type
    } catch (err) {
      if (err instanceof UnsupportedByBroker) return undefined // before Kafka 3.8 (no ListGroups v5) every group is classic
      throw err
    }
  }

  async leave(groupId: string, members: LeaveGroupMember[]): Promise<LeaveGroupAnswer> {
    return this.ask(groupId, 'LeaveGroup v3', API.LeaveGroup, 3, () => leaveGroupV3(groupId, members), (r) => r.errorCode)
  }

  close(): Promise<void> {
    return (this.closed ??= this.cluster.disconnect())
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  /**
   * Send to the group's coordinator; a coordinator error (loading, not available, not coordinator) or a
   * broken connection finds the coordinator again and retries until `timeoutMs`. Other errors are the
   * caller's to read from the answer.
   */
  private async ask<T>(
    groupId: string,
    what: string,
    apiKey: number,
    version: number,
    exchange: () => { request: ProtocolRequest; response: ProtocolResponse<T> },
    errorOf: (answer: T) => number,
  ): Promise<T> {
    let answer: T | undefined
    let last = 'no answer yet'
    await waitUntil(
      async () => {
        try {
          const coordinator = await this.coordinator(groupId)
          const max = coordinator.versions?.[apiKey]?.maxVersion ?? -1
          if (max < version) throw new UnsupportedByBroker(`the group coordinator (node ${coordinator.nodeId}) does not support ${what} (its highest version is ${max}; Kafka 2.4 or later has it)`)
          const got = await coordinator.connectionPool.send(exchange())
          const code = errorOf(got)
          if (!COORDINATOR_RETRY.has(code)) {
            answer = got
            return true
          }
          last = `coordinator answered ${kafkajsInternals().errorName(code)}`
        } catch (err) {
          if (err instanceof UnsupportedByBroker) throw err
          last = (err as Error).message
        }
        this.coordinators.delete(groupId)
        return false
      },
      { intervalMs: 100, timeoutMs: this.timeoutMs, onTimeout: () => new Error(`${what} for group ${groupId}: no answer from its coordinator after ${this.timeoutMs} ms (last: ${last})`) },
    )
    return answer as T
  }

  private async coordinator(groupId: string): Promise<KafkajsBroker> {
    let coordinator = this.coordinators.get(groupId)
    if (!coordinator) {
      coordinator = await this.cluster.findGroupCoordinator({ groupId })
      this.coordinators.set(groupId, coordinator)
    }
    return coordinator
  }
}
