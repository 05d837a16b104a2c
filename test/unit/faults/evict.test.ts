import { describe, expect, it } from 'vitest'
import { judgeLeaveGroup } from '../../../src/faults/evict.ts'

const asked = [
  { memberId: 'm-1', groupInstanceId: null },
  { memberId: 'm-2', groupInstanceId: 'i-2' },
]

describe('judgeLeaveGroup', () => {
  it('counts removed and already-gone members (unknown member, fenced static id) as evicted', () => {
    const got = judgeLeaveGroup(asked, { errorCode: 0, members: [{ ...asked[0]!, errorCode: 0 }, { ...asked[1]!, errorCode: 82 }] })
    expect(got).toEqual({
      status: 'evicted',
      members: [
        { memberId: 'm-1', groupInstanceId: null, outcome: 'removed', errorCode: 0, error: 'NONE' },
        { memberId: 'm-2', groupInstanceId: 'i-2', outcome: 'gone', errorCode: 82, error: 'FENCED_INSTANCE_ID' },
      ],
    })
  })

  it('fails, naming the member and the error, when the coordinator refuses one', () => {
    const got = judgeLeaveGroup(asked, { errorCode: 0, members: [{ ...asked[0]!, errorCode: 0 }, { ...asked[1]!, errorCode: 30 }] })
    expect(got.status).toBe('failed')
    expect(got.members.map((m) => m.outcome)).toEqual(['removed', 'refused'])
    expect(got.reason).toBe('LeaveGroup refused m-2 (GROUP_AUTHORIZATION_FAILED)')
  })

  it('fails on a request-level error', () => {
    expect(judgeLeaveGroup(asked, { errorCode: 30, members: [] })).toMatchObject({ status: 'failed', reason: 'LeaveGroup refused: GROUP_AUTHORIZATION_FAILED' })
  })

  it('reads a group that no longer exists as every member gone', () => {
    const got = judgeLeaveGroup(asked, { errorCode: 69, members: [] })
    expect(got.status).toBe('evicted')
    expect(got.members.map((m) => [m.memberId, m.outcome, m.error])).toEqual([['m-1', 'gone', 'GROUP_ID_NOT_FOUND'], ['m-2', 'gone', 'GROUP_ID_NOT_FOUND']])
  })
})
