import { describe, expect, it } from 'vitest'
import { decodeDescribeGroupsV4, decodeListGroupsV5, describeGroupsV4, leaveGroupV3, listGroupsV5 } from '../../../src/faults/group-requests.ts'

// Bytes written by hand from the Kafka protocol guide (kafka.apache.org/protocol), not by the encoder
// under test: INT16/INT32 big-endian, STRING = INT16 length + UTF-8, NULLABLE_STRING null = -1,
// COMPACT_* = UVARINT (length + 1), tagged fields = UVARINT count.
const i16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff]
const i32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
const s = (v: string): number[] => [...i16(Buffer.byteLength(v)), ...Buffer.from(v)]
const cs = (v: string): number[] => [Buffer.byteLength(v) + 1, ...Buffer.from(v)]

async function body(r: { request: { encode(): Promise<{ buffer: Buffer }> } }): Promise<number[]> {
  return [...(await r.request.encode()).buffer]
}

describe('DescribeGroups v4', () => {
  it('asks for the groups without authorized operations', async () => {
    const r = describeGroupsV4(['g1'])
    expect(r.request).toMatchObject({ apiKey: 15, apiVersion: 4 })
    expect(await body(r)).toEqual([...i32(1), ...s('g1'), 0])
  })

  it('reads each member with its group.instance.id, skipping metadata and assignment bytes', () => {
    const payload = Buffer.from([
      ...i32(0), // throttle
      ...i32(1), // groups
      ...i16(0), ...s('g1'), ...s('Stable'), ...s('consumer'), ...s('range'),
      ...i32(2), // members
      ...s('m-1'), ...i16(-1), ...s('app-0'), ...s('/127.0.0.1'), ...i32(2), 7, 7, ...i32(-1),
      ...s('m-2'), ...s('static-2'), ...s('app-1'), ...s('/10.0.0.2'), ...i32(0), ...i32(1), 9,
      ...i32(-2147483648), // authorized operations
    ])
    expect(decodeDescribeGroupsV4(payload)).toEqual([
      {
        errorCode: 0, groupId: 'g1', state: 'Stable', protocolType: 'consumer', protocol: 'range',
        members: [
          { memberId: 'm-1', groupInstanceId: null, clientId: 'app-0', clientHost: '/127.0.0.1' },
          { memberId: 'm-2', groupInstanceId: 'static-2', clientId: 'app-1', clientHost: '/10.0.0.2' },
        ],
      },
    ])
  })

  it('reads a group that is not classic (or not there) as Dead with no members', () => {
    const payload = Buffer.from([...i32(0), ...i32(1), ...i16(0), ...s('g2'), ...s('Dead'), ...s(''), ...s(''), ...i32(0), ...i32(0)])
    expect(decodeDescribeGroupsV4(payload)).toEqual([{ errorCode: 0, groupId: 'g2', state: 'Dead', protocolType: '', protocol: '', members: [] }])
  })
})

describe('ListGroups v5', () => {
  it('sends the flexible header tag buffer, empty state and type filters, and the body tag buffer', async () => {
    const r = listGroupsV5()
    expect(r.request).toMatchObject({ apiKey: 16, apiVersion: 5 })
    expect(await body(r)).toEqual([0, 1, 1, 0])
  })

  it('reads each group with its type, after the response header tag buffer', () => {
    const payload = Buffer.from([
      0, // response header v1 tagged fields
      ...i32(0), ...i16(0),
      3, // 2 groups
      ...cs('a'), ...cs('consumer'), ...cs('Stable'), ...cs('classic'), 0,
      ...cs('b'), ...cs('consumer'), ...cs('Reconciling'), ...cs('consumer'), 0,
      0,
    ])
    expect(decodeListGroupsV5(payload)).toEqual({
      errorCode: 0,
      groups: [
        { groupId: 'a', protocolType: 'consumer', state: 'Stable', type: 'classic' },
        { groupId: 'b', protocolType: 'consumer', state: 'Reconciling', type: 'consumer' },
      ],
    })
  })
})

describe('LeaveGroup v3', () => {
  it('carries every member identity in one request (KafkaJS encoder)', async () => {
    const r = leaveGroupV3('g1', [{ memberId: 'm-1', groupInstanceId: null }, { memberId: 'm-2', groupInstanceId: 'i-2' }])
    expect(r.request).toMatchObject({ apiKey: 13, apiVersion: 3 })
    expect(await body(r)).toEqual([...s('g1'), ...i32(2), ...s('m-1'), ...i16(-1), ...s('m-2'), ...s('i-2')])
  })

  it('keeps every member error in the answer instead of throwing on the first', async () => {
    const r = leaveGroupV3('g1', [])
    const payload = Buffer.from([...i32(0), ...i16(0), ...i32(2), ...s('m-1'), ...i16(-1), ...i16(0), ...s('m-2'), ...i16(-1), ...i16(25)])
    const answer = await r.response.parse(await r.response.decode(payload))
    expect(answer).toMatchObject({ errorCode: 0, members: [{ memberId: 'm-1', errorCode: 0 }, { memberId: 'm-2', groupInstanceId: null, errorCode: 25 }] })
  })
})
