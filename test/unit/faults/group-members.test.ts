import { describe, expect, it } from 'vitest'
import type { GroupAdmin } from '../../../src/faults/group-admin.ts'
import type { DescribedGroup } from '../../../src/faults/group-requests.ts'
import { MemberTracker } from '../../../src/faults/group-members.ts'

// The tracker's bookkeeping over a scripted sequence of DescribeGroups answers. What the real coordinator
// answers is proven in test/integration/faults/evict.test.ts.
function scripted(looks: { state: string; ids: string[] }[], type = 'classic'): GroupAdmin & { calls: number } {
  let i = 0
  const admin = {
    calls: 0,
    async describe(groupId: string): Promise<DescribedGroup> {
      admin.calls++
      const look = looks[Math.min(i++, looks.length - 1)] as { state: string; ids: string[] }
      const members = look.ids.map((memberId) => ({ memberId, groupInstanceId: null, clientId: `c-${memberId}`, clientHost: '/127.0.0.1' }))
      return { errorCode: 0, groupId, state: look.state, protocolType: look.state === 'Dead' ? '' : 'consumer', protocol: '', members }
    },
    groupType: async () => type,
    leave: async () => ({ errorCode: 0, members: [] }),
    close: async () => undefined,
    [Symbol.asyncDispose]: async () => undefined,
  }
  return admin
}

const fast = { settleMs: 0, timeoutMs: 2000 }

describe('MemberTracker', () => {
  it('records the members that appear after the start, once the group is Stable', async () => {
    const admin = scripted([
      { state: 'Stable', ids: ['a'] }, // beforeStart(1): a is instance 0's
      { state: 'PreparingRebalance', ids: ['a', 'b'] },
      { state: 'CompletingRebalance', ids: ['a', 'b'] },
      { state: 'Stable', ids: ['a', 'b'] },
    ])
    const tracker = new MemberTracker(admin, 'g', 1)
    await tracker.beforeStart(1)
    const { members } = await tracker.attribute(1, fast)
    expect(members.map((m) => m.memberId)).toEqual(['b'])
    expect(tracker.membersOf(1).map((m) => m.memberId)).toEqual(['b'])
    expect(tracker.ownerOf('b')).toBe(1)
    expect(admin.calls).toBe(4)
  })

  it('waits for the number of members an instance brings', async () => {
    const admin = scripted([
      { state: 'Empty', ids: [] },
      { state: 'Stable', ids: ['x'] },
      { state: 'PreparingRebalance', ids: ['x', 'y'] },
      { state: 'Stable', ids: ['x', 'y'] },
    ])
    const tracker = new MemberTracker(admin, 'g', 1)
    await tracker.beforeStart(0)
    expect((await tracker.attribute(0, { ...fast, members: 2 })).members.map((m) => m.memberId)).toEqual(['x', 'y'])
  })

  it('does not count members already attributed to another instance', async () => {
    const admin = scripted([
      { state: 'Empty', ids: [] }, // beforeStart(0)
      { state: 'Stable', ids: ['a'] }, // attribute(0)
      { state: 'Empty', ids: [] }, // beforeStart(1), taken while a was briefly out of the list
      { state: 'Stable', ids: ['a'] }, // a is 0's, not 1's
      { state: 'Stable', ids: ['a', 'b'] },
    ])
    const tracker = new MemberTracker(admin, 'g', 1)
    await tracker.beforeStart(0)
    await tracker.attribute(0, fast)
    await tracker.beforeStart(1)
    expect((await tracker.attribute(1, fast)).members.map((m) => m.memberId)).toEqual(['b'])
  })

  it('waits until the new members stayed the same for settleMs', async () => {
    const admin = scripted([{ state: 'Empty', ids: [] }, { state: 'Stable', ids: ['x'] }, { state: 'Stable', ids: ['x', 'y'] }])
    const tracker = new MemberTracker(admin, 'g', 1)
    await tracker.beforeStart(0)
    expect((await tracker.attribute(0, { settleMs: 50, timeoutMs: 2000 })).members.map((m) => m.memberId)).toEqual(['x', 'y'])
  })

  it('times out saying what it waited for and what it last saw', async () => {
    const tracker = new MemberTracker(scripted([{ state: 'Stable', ids: ['a'] }]), 'g', 5)
    await tracker.beforeStart(2)
    await expect(tracker.attribute(2, { settleMs: 0, timeoutMs: 100 })).rejects.toThrow(
      'instance 2: its group members did not show up in group g within 100 ms (waited for a Stable group with a member not present before it started; last look: state Stable, members a; before it started: a)',
    )
  })

  it('reports a KIP-848 group as unsupported instead of waiting', async () => {
    const tracker = new MemberTracker(scripted([{ state: 'Dead', ids: [] }], 'consumer'), 'g', 1)
    await tracker.beforeStart(0)
    const got = await tracker.attribute(0, fast)
    expect(got.members).toEqual([])
    expect(got.unsupported).toMatch(/^group g uses the consumer group protocol/)
  })

  it('refuses attribute before beforeStart', async () => {
    await expect(new MemberTracker(scripted([]), 'g').attribute(0)).rejects.toThrow('MemberTracker.attribute(0) before beforeStart(0)')
  })
})
