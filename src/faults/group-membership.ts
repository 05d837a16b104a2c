import type { Connection } from '../env/index.ts'
import { log } from '../log.ts'
import { evictMembers, type EvictResult } from './evict.ts'
import { openGroupAdmin, type GroupAdmin } from './group-admin.ts'
import { describeMembers, MemberTracker, type AttributeOptions } from './group-members.ts'

export interface GroupMembershipOptions {
  /** members each instance brings (a process with two consumers: 2); default: at least 1 */
  membersPerInstance?: number
  /** how long afterReady waits for an instance's members (default 30 000 ms) */
  attributeTimeoutMs?: number
  settleMs?: number
}

/** Which instance owns which members of `groupId`, and their eviction; the runner's start hooks and the faults use it. */
export interface GroupMembership extends AsyncDisposable {
  readonly groupId: string
  readonly tracker: MemberTracker
  /** before instance `index` starts: the members that exist now are not its own */
  beforeStart(index: number): Promise<void>
  /**
   * once it is ready: waits until its members are in the group and records them. Never throws for members
   * that do not show up: it logs why, and `evict(index)` then says so in its note.
   */
  afterReady(index: number, opts?: { abort?: Promise<never> }): Promise<void>
  /** remove instance `index`'s members at once; how many were removed, or why none were */
  evict(index: number): Promise<{ members: number; note?: string; result?: EvictResult }>
  close(): Promise<void>
}

/**
 * The eviction piece for SUT instances in one consumer group: a GroupAdmin (one KafkaJS cluster
 * connection), a MemberTracker, and evictMembers. Fits the runner's `Membership` seam
 * (beforeStart / afterReady / evict).
 *
 * After `pause-sut` with eviction the woken instance rejoins under new member ids: call `beforeStart(i)`
 * before SIGCONT and `afterReady(i)` after it if a later step may evict that instance again.
 */
export async function openGroupMembership(conn: Connection, groupId: string, opts: GroupMembershipOptions = {}): Promise<GroupMembership> {
  const groups: GroupAdmin = await openGroupAdmin(conn)
  const tracker = new MemberTracker(groups, groupId)
  const missing = new Map<number, string>()
  const close = (): Promise<void> => groups.close()
  return {
    groupId,
    tracker,
    async beforeStart(index) {
      missing.delete(index)
      await tracker.beforeStart(index)
    },
    async afterReady(index, o = {}) {
      const attribute: AttributeOptions = {
        ...(opts.membersPerInstance !== undefined ? { members: opts.membersPerInstance } : {}),
        ...(opts.settleMs !== undefined ? { settleMs: opts.settleMs } : {}),
        timeoutMs: opts.attributeTimeoutMs ?? 30_000,
        ...(o.abort ? { abort: o.abort } : {}),
      }
      try {
        const { members, unsupported } = await tracker.attribute(index, attribute)
        if (unsupported) missing.set(index, unsupported)
        log().debug({ groupId, instance: index, members: members.map((m) => m.memberId) }, 'group members attributed')
      } catch (err) {
        missing.set(index, (err as Error).message)
        log().warn({ groupId, instance: index }, `cannot attribute group members: ${(err as Error).message}`)
      }
    },
    async evict(index) {
      const members = tracker.membersOf(index)
      if (members.length === 0) {
        const why = missing.get(index) ?? `no group members were attributed to instance ${index}`
        return { members: 0, note: `${why}; its members leave when their session times out` }
      }
      let result = await evictMembers(groups, groupId, members)
      if (result.members.every((m) => m.outcome === 'gone')) {
        // every member recorded for it had left: the instance rejoined under new ids since (a member whose
        // session expired under load comes back with a new one). Its members now are the ones no other
        // instance owns; when exactly as many are there as it had, they are its own.
        const unowned = (await describeMembers(groups, groupId)).filter((m) => tracker.ownerOf(m.memberId) === undefined)
        if (unowned.length === members.length) {
          log().info({ groupId, instance: index, members: unowned.map((m) => m.memberId) }, 'instance rejoined under new member ids; evicting those')
          result = await evictMembers(groups, groupId, unowned)
        }
      }
      tracker.forget(index)
      const removed = result.members.filter((m) => m.outcome === 'removed').length
      const gone = result.members.filter((m) => m.outcome === 'gone').length
      if (result.status === 'evicted') return { members: removed, ...(gone > 0 ? { note: `${gone} of them had already left` } : {}), result }
      return { members: removed, note: `${result.reason ?? result.status}; the rest leave when their session times out`, result }
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
