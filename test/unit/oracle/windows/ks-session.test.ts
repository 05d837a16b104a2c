import { describe, expect, test } from 'vitest'
import { expectedWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { plan, values } from './ops.ts'

const session = (grace: number, emit: WindowSpec['emit'] = 'updates'): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'session', gap: 5 },
  grace,
  aggregate: 'count',
  emit,
})

describe('kafka-streams session windows [first ts, last ts]', () => {
  test('records exactly inactivityGap apart merge; gap + 1 apart do not', () => {
    expect(values(expectedWindows(plan(['k', 0], ['k', 5]), session(100)).windows)).toEqual({ '["k",0,5]': 2 })
    expect(values(expectedWindows(plan(['k', 0], ['k', 6]), session(100)).windows)).toEqual({ '["k",0,0]': 1, '["k",6,6]': 1 })
  })

  test('a record between two sessions bridges them into one', () => {
    const e = expectedWindows(plan(['k', 0], ['k', 10], ['k', 5]), session(100))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 3 })
    expect(e.windows.get('["k",0,10]')?.members.map((o) => o.id)).toEqual(['e0', 'e1', 'e2'])
  })

  test('dropped iff mergedEnd < streamTime - gap - grace: mergedEnd equal to it is kept', () => {
    // stream time 10 (key b), gap 5, grace 0: close boundary 5; a [0,0] (end <= 10 - 5) is no longer
    // visible to the store fetch (D2), so a later a-record starts its own session [ts, ts]
    const kept = expectedWindows(plan(['a', 0], ['b', 10], ['a', 5]), session(0))
    expect(values(kept.windows)).toEqual({ '["a",0,0]': 1, '["a",5,5]': 1, '["b",10,10]': 1 })
    const dropped = expectedWindows(plan(['a', 0], ['b', 10], ['a', 4]), session(0))
    expect(values(dropped.windows)).toEqual({ '["a",0,0]': 1, '["b",10,10]': 1 })
    expect(dropped.late.map((l) => [l.op.id, l.windows])).toEqual([['e2', [{ start: 4, end: 4 }]]])
    expect(dropped.windows.get('["a",0,0]')?.dropped).toEqual([])
    expect(dropped.lateOnly.get('["a",4,4]')?.dropped.map((o) => o.id)).toEqual(['e2'])
  })

  test('emit final closes a session once end + gap + grace <= stream time', () => {
    const e = expectedWindows(plan(['a', 0], ['b', 7], ['c', 9]), session(2, 'final'))
    // a: 0 + 5 + 2 = 7 <= 9 closed; b: 7 + 7 = 14 > 9 open
    expect(values(e.windows)).toEqual({ '["a",0,0]': 1 })
    expect([...e.unclosed.keys()]).toEqual(['["b",7,7]', '["c",9,9]'])
  })

  test('on-window-close closes a session only once end + gap + grace < stream time (strict)', () => {
    const e = expectedWindows(plan(['a', 0], ['b', 7], ['c', 8]), session(2, 'on-window-close'))
    expect(values(e.windows)).toEqual({ '["a",0,0]': 1 })
    const eq = expectedWindows(plan(['a', 0], ['b', 7]), session(2, 'on-window-close'))
    expect(values(eq.windows)).toEqual({})
  })

  test('a new session with the bounds of a closed, invisible one overwrites it and is marked: two finals may appear', () => {
    // a closes at S = 0 + 5 + 0 = 5 (emitted); a@0 at S 5 cannot see it (end 0 <= 5 - 5) but is kept
    // (0 >= 5 - 5): its session [0,0] = 1 overwrites the old one in the store and is emitted again
    const e = expectedWindows(plan(['a', 0], ['b', 5], ['a', 0]), session(0, 'final'))
    expect(values(e.windows)).toEqual({ '["a",0,0]': 1 })
    expect(e.windows.get('["a",0,0]')?.boundary).toBe(true)
  })

  test('sum over a value path merges accumulators', () => {
    const spec: WindowSpec = { ...session(100), aggregate: 'sum', valuePath: 'value.amount' }
    const e = expectedWindows(plan(['k', 0, { amount: 1 }], ['k', 10, { amount: 2 }], ['k', 5, { amount: 4 }]), spec)
    expect(values(e.windows)).toEqual({ '["k",0,10]': 7 })
  })
})
