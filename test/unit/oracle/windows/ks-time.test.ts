import { describe, expect, test } from 'vitest'
import { expectedWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { plan, values } from './ops.ts'

const tumbling = (grace: number, emit: WindowSpec['emit'] = 'updates'): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'tumbling', size: 10 },
  grace,
  aggregate: 'count',
  emit,
})

describe('kafka-streams tumbling windows [start, start+size)', () => {
  test('a record at end - 1 is in the window, a record at end starts the next one', () => {
    const e = expectedWindows(plan(['k', 9], ['k', 10]), tumbling(0))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 1, '["k",10,20]': 1 })
  })

  test('dropped iff windowEnd + grace <= streamTime: stream time 15 drops [0,10) with grace 5', () => {
    const e = expectedWindows(plan(['k', 15], ['k', 9]), tumbling(5))
    expect(values(e.windows)).toEqual({ '["k",10,20]': 1 })
    expect(e.late.map((l) => [l.op.id, l.windows, l.streamTime])).toEqual([['e1', [{ start: 0, end: 10 }], 15]])
    expect(e.lateOnly.get('["k",0,10]')?.dropped.map((o) => o.id)).toEqual(['e1'])
  })

  test('stream time end + grace - 1 still accepts the record (kept only thanks to grace)', () => {
    const e = expectedWindows(plan(['k', 14], ['k', 9]), tumbling(5))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 1, '["k",10,20]': 1 })
    expect(e.late).toEqual([])
    expect(e.windows.get('["k",0,10]')?.graceMembers.map((o) => o.id)).toEqual(['e1'])
  })

  test('a record with ts = end + grace is on time itself and drops later records of the old window', () => {
    const e = expectedWindows(plan(['k', 5], ['k', 15], ['k', 6]), tumbling(5))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 1, '["k",10,20]': 1 })
    expect(e.late.map((l) => l.op.id)).toEqual(['e2'])
  })

  test('emit final: a window is emitted once stream time == end + grace, not at end + grace - 1', () => {
    const closed = expectedWindows(plan(['k', 3], ['k', 15]), tumbling(5, 'final'))
    expect(values(closed.windows)).toEqual({ '["k",0,10]': 1 })
    expect([...closed.unclosed.keys()]).toEqual(['["k",10,20]'])
    expect(closed.notes.map((n) => n.kind)).toContain('window-not-closed')

    const open = expectedWindows(plan(['k', 3], ['k', 14]), tumbling(5, 'final'))
    expect(values(open.windows)).toEqual({})
    expect([...open.unclosed.keys()]).toEqual(['["k",0,10]', '["k",10,20]'])
  })

  test('stream time is per partition: a partition far ahead does not make another late', () => {
    const e = expectedWindows(plan(['a', 100, { partition: 1 }], ['b', 5, { partition: 0 }], ['b', 120, { partition: 0 }], ['b', 6, { partition: 0 }]), tumbling(0))
    expect(values(e.windows)).toEqual({ '["a",100,110]': 1, '["b",0,10]': 1, '["b",120,130]': 1 })
    expect(e.late.map((l) => [l.op.id, l.streamTime])).toEqual([['e3', 120]])
  })

  test('null keys, null values and negative timestamps are skipped and do not advance stream time', () => {
    const e = expectedWindows(plan([null, 100], ['k', 200, { value: null }], ['k', -1], ['k', 5]), tumbling(0))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 1 })
    expect(e.notes.find((n) => n.kind === 'skipped-records')?.detail).toEqual({ ids: ['e0', 'e1', 'e2'] })
  })
})

describe('kafka-streams hopping windows', () => {
  const hopping = (grace: number): WindowSpec => ({
    profile: 'kafka-streams',
    window: { type: 'hopping', size: 10, advance: 5 },
    grace,
    aggregate: 'sum',
    valuePath: 'value.amount',
    emit: 'updates',
  })

  test('a record is in every window [k*advance, k*advance+size) that contains it; none starts below 0', () => {
    const e = expectedWindows(plan(['k', 3, { amount: 1 }], ['k', 7, { amount: 10 }]), hopping(0))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 11, '["k",5,15]': 10 })
  })

  test('a hopping record can be dropped from one window and kept in another', () => {
    const e = expectedWindows(plan(['k', 10, { amount: 1 }], ['k', 7, { amount: 10 }]), hopping(0))
    expect(values(e.windows)).toEqual({ '["k",5,15]': 11, '["k",10,20]': 1 })
    expect(e.late.map((l) => [l.op.id, l.windows])).toEqual([['e1', [{ start: 0, end: 10 }]]])
  })
})
