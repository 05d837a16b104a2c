import { waitUntil } from '../wait-until.ts'
import type { GroupAdmin } from './group-admin.ts'
import type { DescribedGroup } from './group-requests.ts'

export interface MemberInfo {
  memberId: string
  clientId: string
  clientHost: string
  /** group.instance.id of a static member, else null */
  groupInstanceId: string | null
}

/** The group's members now, as its coordinator lists them (any state; a non-classic group lists none). */
export async function describeMembers(groups: GroupAdmin, groupId: string): Promise<MemberInfo[]> {
  return membersOf(await groups.describe(groupId))
}

function membersOf(group: DescribedGroup): MemberInfo[] {
  return group.members.map(({ memberId, clientId, clientHost, groupInstanceId }) => ({ memberId, clientId, clientHost, groupInstanceId }))
}

export interface AttributeOptions {
  /** members this instance brings (a process with two consumers: 2); default: at least 1 */
  members?: number
  /** how long the new members must stay the same in a Stable group before they count (default 300 ms) */
  settleMs?: number
  /** default 30 000 ms */
  timeoutMs?: number
  /** rejects the wait at once, e.g. when the instance's process exits */
  abort?: Promise<never>
}

/**
 * Which group members belong to which SUT instance, so that after a kill exactly the dead instance's
 * members can be evicted. Start instances one at a time:
 *
 *   await tracker.beforeStart(i)     // the members present now are not i's
 *   ...start instance i, wait for it to be ready...
 *   await tracker.attribute(i)       // waits until i's members are in the group, records them
 *   ...
 *   await evictMembers(groups, groupId, tracker.membersOf(i))   // after SIGKILL of i
 *
 * Done attributing means: the group is Stable (a rebalance has completed, so every member that had sent
 * JoinGroup is listed with its final id), at least `members` (default 1) member ids are in it that were
 * not there before the start and are nobody else's, and that set stayed the same for `settleMs` (a
 * process that starts its consumers one after another, or a Kafka Streams app with several stream threads,
 * triggers one rebalance per member; a "ready" line printed before the consumer joined just waits longer).
 * Member ids of the classic protocol stay the same across rebalances for as long as the member lives, so
 * a later rebalance does not invalidate what was recorded; a restarted instance gets new ids (call
 * beforeStart/attribute again). A KIP-848 group (`consumer` protocol) lists no members through
 * DescribeGroups: `attribute` then resolves with none and `unsupported` set, and eviction falls back to the
 * session timeout.
 */
export class MemberTracker {
  private readonly owned = new Map<number, MemberInfo[]>()
  private readonly before = new Map<number, Set<string>>()
  private readonly groups: GroupAdmin
  readonly groupId: string
  private readonly intervalMs: number

  constructor(groups: GroupAdmin, groupId: string, intervalMs = 100) {
    this.groups = groups
    this.groupId = groupId
    this.intervalMs = intervalMs
  }

  /** Snapshot the members present before instance `instance` starts. */
  async beforeStart(instance: number): Promise<void> {
    const members = await describeMembers(this.groups, this.groupId)
    this.before.set(instance, new Set(members.map((m) => m.memberId)))
    this.owned.delete(instance)
  }

  /** Wait until instance `instance`'s members are in the group (see the class comment) and record them. */
  async attribute(instance: number, opts: AttributeOptions = {}): Promise<{ members: MemberInfo[]; unsupported?: string }> {
    const before = this.before.get(instance)
    if (!before) throw new Error(`MemberTracker.attribute(${instance}) before beforeStart(${instance})`)
    const want = opts.members ?? 1
    const settleMs = opts.settleMs ?? 300
    const timeoutMs = opts.timeoutMs ?? 30_000
    let last: DescribedGroup | undefined
    let candidate: { ids: string; since: number; members: MemberInfo[] } | undefined
    let unsupported: string | undefined
    await waitUntil(
      async () => {
        last = await this.groups.describe(this.groupId)
        if (last.state === 'Dead' && last.members.length === 0) {
          const type = await this.groups.groupType(this.groupId)
          if (type !== undefined && type !== 'classic') {
            unsupported = `group ${this.groupId} uses the ${type} group protocol: DescribeGroups lists no members, so instance ${instance}'s cannot be attributed or evicted (kills wait for the session timeout)`
            return true
          }
        }
        const fresh = this.newMembers(last, before)
        if (last.state !== 'Stable' || fresh.length < want) {
          candidate = undefined
          return false
        }
        const ids = fresh.map((m) => m.memberId).sort().join(',')
        if (candidate?.ids !== ids) candidate = { ids, since: Date.now(), members: fresh }
        return Date.now() - candidate.since >= settleMs
      },
      {
        intervalMs: this.intervalMs,
        timeoutMs,
        ...(opts.abort ? { abort: opts.abort } : {}),
        onTimeout: () =>
          new Error(
            `instance ${instance}: its group members did not show up in group ${this.groupId} within ${timeoutMs} ms ` +
              `(waited for a Stable group with ${want === 1 ? 'a member' : `${want} members`} not present before it started; ` +
              `last look: state ${last?.state ?? 'none'}, members ${last ? last.members.map((m) => m.memberId).join(', ') || 'none' : 'none'}; ` +
              `before it started: ${[...before].join(', ') || 'none'})`,
          ),
      },
    )
    if (unsupported) return { members: [], unsupported }
    const members = candidate?.members ?? []
    this.owned.set(instance, members)
    return { members }
  }

  /** The members recorded for `instance` (empty before attribute, or after forget). */
  membersOf(instance: number): MemberInfo[] {
    return this.owned.get(instance) ?? []
  }

  /** Which instance a member id was attributed to. */
  ownerOf(memberId: string): number | undefined {
    for (const [instance, members] of this.owned) if (members.some((m) => m.memberId === memberId)) return instance
    return undefined
  }

  /** Forget `instance`'s members (after they were evicted, or the instance stopped gracefully). */
  forget(instance: number): void {
    this.owned.delete(instance)
  }

  private newMembers(group: DescribedGroup, before: Set<string>): MemberInfo[] {
    return membersOf(group).filter((m) => !before.has(m.memberId) && this.ownerOf(m.memberId) === undefined)
  }
}
