import type { Connection } from '../env/index.ts'
import { log } from '../log.ts'
import { openGroupAdmin, type GroupAdmin } from './group-admin.ts'
import type { LeaveGroupAnswer, LeaveGroupMember } from './group-requests.ts'
import { kafkajsInternals } from './kafkajs-internals.ts'

/** A member to remove: its id, and its group.instance.id when it is a static member. */
export type MemberRef = string | { memberId: string; groupInstanceId?: string | null }

export interface EvictedMember {
  memberId: string
  groupInstanceId: string | null
  /** removed: out of the group now; gone: it had already left or been replaced; refused: still in, see `error` */
  outcome: 'removed' | 'gone' | 'refused'
  errorCode: number
  /** Kafka's error name (as KafkaJS spells it), NONE for 0 */
  error: string
}

export interface EvictResult {
  groupId: string
  /**
   * evicted: every member is out of the group (removed now or already gone), its partitions move at the
   * next rebalance; unsupported: nothing was sent — the group is not a classic group (KIP-848 `consumer`,
   * `streams` or `share`), whose members leave only at their session timeout; failed: the coordinator
   * refused the request or some members (`reason`, `members`).
   */
  status: 'evicted' | 'unsupported' | 'failed'
  /** classic, consumer, streams, share; undefined when the broker could not say (group unknown, broker < 3.8) */
  groupType: string | undefined
  members: EvictedMember[]
  reason?: string
  elapsedMs: number
}

/** Answers that mean "no longer in the group" (for a member, or for all of them at the request level). */
const GONE = new Set([25 /* UNKNOWN_MEMBER_ID */, 69 /* GROUP_ID_NOT_FOUND */, 82 /* FENCED_INSTANCE_ID: a newer instance took the id */])

/**
 * Remove exactly these members from a classic consumer group at once, as Kafka's admin
 * `removeMembersFromConsumerGroup` does: FindCoordinator for the group, then one LeaveGroup v3 carrying
 * every member identity. Used after SIGKILL (the dead instance's members would otherwise hold their
 * partitions until their session times out: 30 s in KafkaJS, 45 s in the Java client) and for the zombie
 * pause. Never throws for a refusal: the result says what happened to each member.
 *
 * `target` is a Connection (a GroupAdmin is opened and closed for this call) or an open GroupAdmin.
 */
export async function evictMembers(target: Connection | GroupAdmin, groupId: string, members: readonly MemberRef[]): Promise<EvictResult> {
  const started = performance.now()
  const owned = 'leave' in target ? undefined : await openGroupAdmin(target)
  const groups = owned ?? (target as GroupAdmin)
  try {
    const groupType = await groups.groupType(groupId)
    const base = { groupId, groupType }
    const elapsed = (): number => performance.now() - started
    if (groupType !== undefined && groupType !== 'classic') {
      const reason = `group ${groupId} uses the ${groupType} group protocol (KIP-848 or later): its members cannot be removed by id, they leave at their session timeout`
      log().warn({ groupId, groupType }, `evict: ${reason}`)
      return { ...base, status: 'unsupported', members: [], reason, elapsedMs: elapsed() }
    }
    const identities = members.map((m) => (typeof m === 'string' ? { memberId: m, groupInstanceId: null } : { memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null }))
    if (identities.length === 0) return { ...base, status: 'evicted', members: [], elapsedMs: elapsed() }
    const answer = await groups.leave(groupId, identities)
    const result = { ...base, ...judgeLeaveGroup(identities, answer), elapsedMs: elapsed() }
    log().debug({ groupId, status: result.status, members: result.members.map((m) => `${m.memberId}:${m.outcome}`), ms: Math.round(result.elapsedMs) }, 'evict: LeaveGroup answered')
    return result
  } finally {
    await owned?.close()
  }
}

/**
 * What a LeaveGroup v3 answer means for each member asked about and for the whole request. A group that
 * no longer exists (UNKNOWN_MEMBER_ID or GROUP_ID_NOT_FOUND for the request) has none of them left.
 */
export function judgeLeaveGroup(asked: readonly LeaveGroupMember[], answer: LeaveGroupAnswer): Pick<EvictResult, 'status' | 'members' | 'reason'> {
  const { errorName } = kafkajsInternals()
  const groupGone = GONE.has(answer.errorCode)
  const answered = groupGone && answer.members.length === 0 ? asked.map((m) => ({ ...m, errorCode: answer.errorCode })) : answer.members
  const members = answered.map((m): EvictedMember => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    outcome: m.errorCode === 0 ? 'removed' : GONE.has(m.errorCode) ? 'gone' : 'refused',
    errorCode: m.errorCode,
    error: errorName(m.errorCode),
  }))
  if (answer.errorCode !== 0 && !groupGone) return { status: 'failed', members, reason: `LeaveGroup refused: ${errorName(answer.errorCode)}` }
  const refused = members.filter((m) => m.outcome === 'refused')
  if (refused.length > 0) return { status: 'failed', members, reason: `LeaveGroup refused ${refused.map((m) => `${m.memberId} (${m.error})`).join(', ')}` }
  return { status: 'evicted', members }
}
