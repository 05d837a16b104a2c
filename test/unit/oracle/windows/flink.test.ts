import { describe, expect, test } from 'vitest'
import { expectedWindows } from '../../../../src/oracle/windows/index.ts'
import type { FlinkOptions, WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { plan, values } from './ops.ts'

const flink = (flinkOpts: FlinkOptions, window: WindowSpec['window'] = { type: 'tumbling', size: 10 }): WindowSpec => ({
  profile: 'flink',
  window,
  aggregate: 'count',
  emit: 'updates',
  flink: flinkOpts,
})
const exact = (maxOutOfOrdernessMs: number, allowedLatenessMs = 0): WindowSpec =>
  flink({ maxOutOfOrdernessMs, allowedLatenessMs, watermarks: 'punctuated', bounded: true })

describe('flink watermark = maxTs - d - 1; late iff windowEnd - 1 + allowedLateness <= watermark', () => {
  test('watermark boundary: after ts 10 (WM 9) a record of [0,10) is late; after ts 9 (WM 8) it is not', () => {
    const late = expectedWindows(plan(['k', 10], ['k', 5]), exact(0))
    expect(values(late.windows)).toEqual({ '["k",10,20]': 1 })
    expect(late.late.map((l) => [l.op.id, l.certain, l.watermark])).toEqual([['e1', true, { earliest: 9, latest: 9 }]])
    const onTime = expectedWindows(plan(['k', 9], ['k', 5]), exact(0))
    expect(values(onTime.windows)).toEqual({ '["k",0,10]': 2 })
  })

  test('out-of-orderness d shifts the watermark: d = 2, after ts 12 late, after ts 11 on time', () => {
    expect(values(expectedWindows(plan(['k', 12], ['k', 5]), exact(2)).windows)).toEqual({ '["k",10,20]': 1 })
    expect(values(expectedWindows(plan(['k', 11], ['k', 5]), exact(2)).windows)).toEqual({ '["k",0,10]': 1, '["k",10,20]': 1 })
  })

  test('allowed lateness boundary: AL = 3 accepts at WM 11, drops at WM 12', () => {
    const kept = expectedWindows(plan(['k', 12], ['k', 5]), exact(0, 3))
    expect(values(kept.windows)).toEqual({ '["k",0,10]': 1, '["k",10,20]': 1 })
    expect(kept.windows.get('["k",0,10]')?.graceMembers.map((o) => o.id)).toEqual(['e1'])
    const dropped = expectedWindows(plan(['k', 13], ['k', 5]), exact(0, 3))
    expect(values(dropped.windows)).toEqual({ '["k",10,20]': 1 })
  })

  test('a window fires when the final watermark >= end - 1; one that never fires is not expected', () => {
    const e = expectedWindows(plan(['k', 5], ['k', 10]), flink({ maxOutOfOrdernessMs: 0 }))
    // final WM = 10 - 0 - 1 = 9: [0,10) fires (9 >= 9), [10,20) does not
    expect(values(e.windows)).toEqual({ '["k",0,10]': 1 })
    expect([...e.unclosed.keys()]).toEqual(['["k",10,20]'])
    const notYet = expectedWindows(plan(['k', 5], ['k', 9]), flink({ maxOutOfOrdernessMs: 0 }))
    expect(values(notYet.windows)).toEqual({})
  })

  test('periodic watermarks: a record that may see a watermark past its window makes the window indeterminate', () => {
    const e = expectedWindows(plan(['k', 10], ['k', 5], ['k', 3], ['k', 30]), flink({ maxOutOfOrdernessMs: 0 }))
    expect(values(e.windows)).toEqual({ '["k",10,20]': 1 })
    expect(e.indeterminate.map((w) => [w.start, w.end, w.valueIfAllAccepted, w.valueIfLateDropped, w.mayBeLate.map((o) => o.id)])).toEqual([
      [0, 10, 2, undefined, ['e1', 'e2']],
    ])
    expect(e.late.every((l) => !l.certain)).toBe(true)
    expect(e.notes.map((n) => n.kind)).toContain('indeterminate')
  })

  test('periodic watermarks: a record whose window ends after every watermark it can see is determined', () => {
    const e = expectedWindows(plan(['k', 9], ['k', 5], ['k', 30]), flink({ maxOutOfOrdernessMs: 0 }))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 2 })
    expect(e.indeterminate).toEqual([])
  })

  test('the watermark is the minimum over partitions: a slow partition keeps records on time', () => {
    const e = expectedWindows(
      plan(['k', 50, { partition: 0 }], ['k', 3, { partition: 1 }], ['k', 5, { partition: 0 }], ['k', 60, { partition: 1 }]),
      flink({ maxOutOfOrdernessMs: 0 }),
    )
    // e2 on p0 sees at most min(50, max of p1 = 60) - 1 = 49 ... late; with p1 only at 3 it is not:
    expect(e.indeterminate.map((w) => w.mayBeLate.map((o) => o.id))).toEqual([['e2']])
    const slow = expectedWindows(plan(['k', 50, { partition: 0 }], ['k', 3, { partition: 1 }], ['k', 5, { partition: 0 }]), flink({ maxOutOfOrdernessMs: 0 }))
    expect(slow.indeterminate).toEqual([])
    expect(slow.late).toEqual([])
  })

  test('an assigned partition without records pins the watermark at MIN: nothing late, nothing fires', () => {
    const e = expectedWindows(plan(['k', 50], ['k', 5]), flink({ maxOutOfOrdernessMs: 0, partitions: 2 }))
    expect(e.late).toEqual([])
    expect(values(e.windows)).toEqual({})
    expect([...e.unclosed.keys()].sort()).toEqual(['["k",0,10]', '["k",50,60]'])
  })

  test('flink sliding (hopping) assignment works below 0 and with gaps when slide > size', () => {
    const e = expectedWindows(plan(['k', -3], ['k', 7]), flink({ maxOutOfOrdernessMs: 1000, bounded: true }, { type: 'hopping', size: 10, advance: 5 }))
    expect(values(e.windows)).toEqual({ '["k",-10,0]': 1, '["k",-5,5]': 1, '["k",0,10]': 1, '["k",5,15]': 1 })
    const gaps = expectedWindows(plan(['k', 3], ['k', 7]), flink({ maxOutOfOrdernessMs: 1000, bounded: true }, { type: 'hopping', size: 5, advance: 10 }))
    expect(values(gaps.windows)).toEqual({ '["k",0,5]': 1 })
  })

  test('session windows [ts, ts+gap) merge when records are gap apart, not gap + 1', () => {
    const s = (rows: [string, number][]) => values(expectedWindows(plan(...rows), flink({ maxOutOfOrdernessMs: 1000, bounded: true }, { type: 'session', gap: 5 })).windows)
    expect(s([['k', 0], ['k', 5]])).toEqual({ '["k",0,10]': 2 })
    expect(s([['k', 0], ['k', 6]])).toEqual({ '["k",0,5]': 1, '["k",6,11]': 1 })
  })

  test('a fired and purged session does not merge with a later record that touches it', () => {
    const session = { type: 'session', gap: 5 } as const
    const rows = plan(['a', 0], ['b', 6], ['a', 5])
    // WM after b@6 is 5 >= maxTimestamp 4 of a's [0,5): fired and purged before a@5 arrives
    const punctuated = expectedWindows(rows, flink({ maxOutOfOrdernessMs: 0, watermarks: 'punctuated', bounded: true }, session))
    expect(values(punctuated.windows)).toEqual({ '["a",0,5]': 1, '["a",5,10]': 1, '["b",6,11]': 1 })
    // periodic: the purge may not have happened yet, so a's session is indeterminate
    const periodic = expectedWindows(rows, flink({ maxOutOfOrdernessMs: 0, bounded: true }, session))
    expect(values(periodic.windows)).toEqual({ '["b",6,11]': 1 })
    expect(periodic.indeterminate.map((w) => [w.start, w.end, w.valueIfAllAccepted])).toEqual([[0, 10, 2]])
    expect([...periodic.tolerated.keys()].sort()).toEqual(['["a",0,10]', '["a",0,5]'])
  })
})
