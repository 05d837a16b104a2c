import { kafkajsInternals, type Decoder, type ProtocolRequest, type ProtocolResponse } from './kafkajs-internals.ts'

/**
 * The group requests KafkaJS 2.2.4 cannot send, encoded with its own encoder and sent through its
 * connection (src/faults/group-admin.ts):
 * - DescribeGroups v4: the first version with each member's group_instance_id (KafkaJS stops at v2);
 * - ListGroups v5: the first with each group's type (classic, consumer, streams, share), which tells a
 *   KIP-848 group from a classic one;
 * - LeaveGroup v3: KafkaJS's encoder, with a response kept whole (KafkaJS throws on the first member error).
 * KafkaJS writes request header v1 and strips the response's correlation id. A flexible request (ListGroups
 * v3+) needs header v2 (v1 + tagged fields) and answers with header v1 (correlation id + tagged fields),
 * so the body starts and the response payload starts with that empty tag buffer.
 */

export const API = { LeaveGroup: 13, DescribeGroups: 15, ListGroups: 16 } as const

export interface DescribedMember {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
}

export interface DescribedGroup {
  errorCode: number
  groupId: string
  /** Stable, PreparingRebalance, CompletingRebalance, Empty, Dead (also a group that is not classic) */
  state: string
  protocolType: string
  /** the assignor chosen (range, roundrobin, cooperative-sticky, RoundRobinAssigner…) once Stable */
  protocol: string
  members: DescribedMember[]
}

export interface ListedGroup {
  groupId: string
  protocolType: string
  state: string
  /** classic, consumer, streams or share */
  type: string
}

export interface LeaveGroupMember {
  memberId: string
  groupInstanceId: string | null
}

export interface LeaveGroupAnswer {
  errorCode: number
  members: (LeaveGroupMember & { errorCode: number })[]
}

type Exchange<T> = { request: ProtocolRequest; response: ProtocolResponse<T> }

const keepWhole = async <T>(decoded: T): Promise<T> => decoded

export function describeGroupsV4(groupIds: string[]): Exchange<DescribedGroup[]> {
  const { Encoder } = kafkajsInternals()
  return {
    request: {
      apiKey: API.DescribeGroups,
      apiVersion: 4,
      apiName: 'DescribeGroups',
      encode: async () => new Encoder().writeArray(groupIds, 'string').writeBoolean(false),
    },
    response: { decode: async (payload) => decodeDescribeGroupsV4(payload), parse: keepWhole },
  }
}

export function decodeDescribeGroupsV4(payload: Buffer): DescribedGroup[] {
  const d = new (kafkajsInternals().Decoder)(payload)
  d.readInt32() // throttle_time_ms
  return d.readArray((g) => {
    const group: DescribedGroup = {
      errorCode: g.readInt16(),
      groupId: str(g),
      state: str(g),
      protocolType: str(g),
      protocol: str(g),
      members: g.readArray((m) => {
        const member = { memberId: str(m), groupInstanceId: m.readString(), clientId: str(m), clientHost: str(m) }
        m.readBytes() // member_metadata
        m.readBytes() // member_assignment
        return member
      }),
    }
    g.readInt32() // authorized_operations
    return group
  })
}

export function listGroupsV5(): Exchange<{ errorCode: number; groups: ListedGroup[] }> {
  const { Encoder } = kafkajsInternals()
  return {
    request: {
      apiKey: API.ListGroups,
      apiVersion: 5,
      apiName: 'ListGroups',
      // header v2's tag buffer, states_filter [], types_filter [], the body's tag buffer
      encode: async () => new Encoder().writeUVarInt(0).writeUVarInt(1).writeUVarInt(1).writeUVarInt(0),
    },
    response: { decode: async (payload) => decodeListGroupsV5(payload), parse: keepWhole },
  }
}

export function decodeListGroupsV5(payload: Buffer): { errorCode: number; groups: ListedGroup[] } {
  const d = new (kafkajsInternals().Decoder)(payload)
  d.readTaggedFields() // response header v1
  d.readInt32() // throttle_time_ms
  const errorCode = d.readInt16()
  const groups = (d.readUVarIntArray((g) => {
    const group = { groupId: cstr(g), protocolType: cstr(g), state: cstr(g), type: cstr(g) }
    g.readTaggedFields()
    return group
  }) as ListedGroup[] | null) ?? []
  d.readTaggedFields()
  return { errorCode, groups }
}

export function leaveGroupV3(groupId: string, members: LeaveGroupMember[]): Exchange<LeaveGroupAnswer> {
  const { leaveGroupV3: v3 } = kafkajsInternals()
  return { request: v3.request({ groupId, members }), response: { decode: v3.decode, parse: keepWhole } }
}

const str = (d: Decoder): string => d.readString() ?? ''
const cstr = (d: Decoder): string => d.readUVarIntString() ?? ''
