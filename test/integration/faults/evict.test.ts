import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { evictMembers } from '../../../src/faults/evict.ts'
import { openGroupAdmin, type GroupAdmin } from '../../../src/faults/group-admin.ts'
import { MemberTracker } from '../../../src/faults/group-members.ts'
import { openGroupMembership } from '../../../src/faults/group-membership.ts'
import { useSharedKafka } from '../helpers/kafka.ts'
import { startJavaConsumers, startKafkajsConsumer, type GroupApp } from './group-apps.ts'

// Every app here runs on its client's default session timeout (KafkaJS 30 s, Java 45 s): a dead member
// that is not evicted holds its partitions far longer than the 5 s these tests allow.
const conn = inject('kafka')
const { admin } = useSharedKafka('evict-test')
let groups: GroupAdmin
const apps: GroupApp[] = []

beforeAll(async () => {
  groups = await openGroupAdmin(conn)
})
afterAll(() => groups.close())
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.kill()))
})

async function freshTopic(): Promise<{ topic: string; groupId: string }> {
  const id = randomUUID().slice(0, 8)
  const topic = `evict-${id}`
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
  return { topic, groupId: `evict-group-${id}` }
}

function started(app: GroupApp): GroupApp {
  apps.push(app)
  return app
}

describe('evictMembers after SIGKILL', () => {
  it('removes a dead KafkaJS consumer at once: a new consumer gets both partitions within 5 s', async () => {
    const { topic, groupId } = await freshTopic()
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const dead = started(await startKafkajsConsumer(conn, groupId, topic))
    const first = await dead.assigned([0, 1], { timeoutMs: 30_000 })
    const { members } = await tracker.attribute(0)
    expect(members.map((m) => m.memberId)).toEqual([first.joined])
    expect(members[0]).toMatchObject({ clientId: 'evict-test-kafkajs', groupInstanceId: null })

    await dead.kill()
    const result = await evictMembers(groups, groupId, tracker.membersOf(0))
    expect(result).toMatchObject({ status: 'evicted', groupType: 'classic', members: [{ memberId: first.joined, outcome: 'removed', error: 'NONE' }] })

    const next = started(await startKafkajsConsumer(conn, groupId, topic))
    await next.assigned([0, 1], { timeoutMs: 5000 })
  })

  it('without eviction the dead KafkaJS member holds the group: no assignment within 5 s (the control)', async () => {
    const { topic, groupId } = await freshTopic()
    const dead = started(await startKafkajsConsumer(conn, groupId, topic))
    await dead.assigned([0, 1], { timeoutMs: 30_000 })
    await dead.kill()
    const next = started(await startKafkajsConsumer(conn, groupId, topic))
    await expect(next.assigned([0, 1], { timeoutMs: 5000 })).rejects.toThrow(/was not assigned partitions \[0,1\] within 5000 ms/)
  })

  it('hands a survivor the dead instance\'s partitions; member ids survive the rebalance; a second eviction finds them gone', async () => {
    const { topic, groupId } = await freshTopic()
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const survivor = started(await startKafkajsConsumer(conn, groupId, topic))
    await survivor.assigned([0, 1], { timeoutMs: 30_000 })
    const [mine] = (await tracker.attribute(0)).members
    await tracker.beforeStart(1)
    const dead = started(await startKafkajsConsumer(conn, groupId, topic))
    await dead.assigned('any', { timeoutMs: 30_000 })
    const theirs = (await tracker.attribute(1)).members
    expect(theirs).toHaveLength(1)
    expect(tracker.membersOf(0)).toEqual([mine]) // the survivor kept its member id through the rebalance
    expect((await groups.describe(groupId)).members.map((m) => m.memberId).sort()).toEqual([mine?.memberId, theirs[0]?.memberId].sort())

    await dead.kill()
    expect((await evictMembers(conn, groupId, tracker.membersOf(1))).status).toBe('evicted')
    // A KafkaJS survivor learns of the rebalance on its next heartbeat, which it sends between fetches
    // (maxWaitTimeInMs 5 s by default): seconds, not the dead member's 30 s session timeout.
    await survivor.assigned([0, 1], { timeoutMs: 15_000 })
    const again = await evictMembers(conn, groupId, tracker.membersOf(1))
    expect(again).toMatchObject({ status: 'evicted', members: [{ outcome: 'gone', error: 'UNKNOWN_MEMBER_ID' }] })
  })

  it('attributes both members of a Java process with two consumers and evicts them together', async () => {
    const { topic, groupId } = await freshTopic()
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const dead = started(await startJavaConsumers(conn, groupId, topic, 2))
    const { members } = await tracker.attribute(0, { members: 2, timeoutMs: 60_000 })
    expect(members.map((m) => m.clientId).sort()).toEqual(['evict-test-java-0', 'evict-test-java-1'])

    await dead.kill()
    const result = await evictMembers(groups, groupId, tracker.membersOf(0))
    expect(result.status).toBe('evicted')
    expect(result.members.map((m) => m.outcome)).toEqual(['removed', 'removed'])

    const next = started(await startKafkajsConsumer(conn, groupId, topic))
    await next.assigned([0, 1], { timeoutMs: 5000 })
  })

  it('evicts a static member (group.instance.id) by its member id and instance id', async () => {
    const { topic, groupId } = await freshTopic()
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const dead = started(await startJavaConsumers(conn, groupId, topic, 1, { staticIdPrefix: 'evict-static' }))
    const { members } = await tracker.attribute(0, { timeoutMs: 60_000 })
    expect(members).toMatchObject([{ groupInstanceId: 'evict-static-0' }])

    await dead.kill()
    const result = await evictMembers(groups, groupId, tracker.membersOf(0))
    expect(result).toMatchObject({ status: 'evicted', members: [{ groupInstanceId: 'evict-static-0', outcome: 'removed' }] })
    expect((await groups.describe(groupId)).members).toEqual([])

    const next = started(await startKafkajsConsumer(conn, groupId, topic))
    await next.assigned([0, 1], { timeoutMs: 5000 })
  })

  it('says eviction is unsupported for a KIP-848 consumer-protocol group instead of doing nothing', async () => {
    const { topic, groupId } = await freshTopic()
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const app = started(await startJavaConsumers(conn, groupId, topic, 1, { protocol: 'consumer' }))
    await app.assigned([0, 1], { timeoutMs: 60_000 })
    const attributed = await tracker.attribute(0)
    expect(attributed).toMatchObject({ members: [], unsupported: expect.stringMatching(/uses the consumer group protocol/) })
    const result = await evictMembers(groups, groupId, [app.joins[0]?.joined ?? ''])
    expect(result).toMatchObject({ status: 'unsupported', groupType: 'consumer', members: [] })
    expect(result.reason).toMatch(/leave at their session timeout/)
  })

  it("openGroupMembership: the runner's seam (beforeStart, afterReady, evict) around a kill", async () => {
    const { topic, groupId } = await freshTopic()
    const membership = await openGroupMembership(conn, groupId)
    try {
      await membership.beforeStart(0)
      const dead = started(await startKafkajsConsumer(conn, groupId, topic))
      await dead.assigned([0, 1], { timeoutMs: 30_000 })
      await membership.afterReady(0)
      await dead.kill()
      expect(await membership.evict(0)).toMatchObject({ members: 1, result: { status: 'evicted' } })
      const next = started(await startKafkajsConsumer(conn, groupId, topic))
      await next.assigned([0, 1], { timeoutMs: 5000 })
    } finally {
      await membership.close()
    }
  })

  it('openGroupMembership: an instance whose members never show up is noted, not evicted, and does not fail the start', async () => {
    const { groupId } = await freshTopic()
    const membership = await openGroupMembership(conn, groupId, { attributeTimeoutMs: 500 })
    await membership.beforeStart(3)
    await membership.afterReady(3)
    const got = await membership.evict(3)
    await membership.close()
    expect(got.members).toBe(0)
    expect(got.note).toMatch(/^instance 3: its group members did not show up in group .* within 500 ms .*; its members leave when their session times out$/)
  })
})
