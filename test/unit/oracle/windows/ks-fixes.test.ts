import { describe, expect, test } from 'vitest'
import type { CollectedRecord } from '../../../../src/collect/record.ts'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { mapping, plan, values } from './ops.ts'

// The five disagreements with Kafka Streams 4.4.0 (docs/windows-verification.md, D1–D5), each from the
// doc's own example. Times are relative to 1 700 000 000 000 where the doc's are.
const T0 = 1_700_000_000_000

const session = (gap: number, grace: number, emit: WindowSpec['emit']): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'session', gap },
  grace,
  aggregate: 'count',
  emit,
})
const tumbling = (size: number, grace: number, emit: WindowSpec['emit']): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'tumbling', size },
  grace,
  aggregate: 'count',
  emit,
})

/** What the kstreams app writes: key, `{ count }` (null for a tombstone), window bounds in headers. */
function ksOut(...rows: [key: string, start: number, end: number, count: number | null][]): CollectedRecord[] {
  return rows.map(([key, start, end, count], i) => ({
    topic: 'out',
    partition: 0,
    offset: String(i),
    key,
    value: count === null ? null : { count },
    headers: { 'window-start': String(start), 'window-end': String(end) },
    ts: end,
  }))
}
const sliding = (difference: number, grace: number, emit: WindowSpec['emit']): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'sliding', difference },
  grace,
  aggregate: 'count',
  emit,
})
const ksMap = { key: 'key', start: 'headers.window-start', end: 'headers.window-end', value: 'value.count' }

describe('D1: a session absorbed by a merge is retracted with a tombstone', () => {
  test('stream 1 of session/updates: k2 [10082,10082] 1, its tombstone, k2 [10082,10483] 2 → no violation', () => {
    const input = plan(['k2', T0 + 10082], ['k2', T0 + 10483])
    const e = expectedWindows(input, session(3000, 2000, 'updates'))
    expect(values(e.windows)).toEqual({ [`["k2",${T0 + 10082},${T0 + 10483}]`]: 2 })
    const out = ksOut(['k2', T0 + 10082, T0 + 10082, 1], ['k2', T0 + 10082, T0 + 10082, null], ['k2', T0 + 10082, T0 + 10483, 2])
    expect(judgeWindows(e, out, ksMap).violations).toEqual([])
  })

  test('a window not expected whose last record is a result (not its tombstone) is still extra', () => {
    const input = plan(['k2', T0 + 10082], ['k2', T0 + 10483])
    const e = expectedWindows(input, session(3000, 2000, 'updates'))
    const out = ksOut(['k2', T0 + 10082, T0 + 10082, null], ['k2', T0 + 10082, T0 + 10082, 1], ['k2', T0 + 10082, T0 + 10483, 2])
    expect(judgeWindows(e, out, ksMap).violations.map((v) => v.kind)).toEqual(['extra-window'])
  })
})

describe('D2: a record cannot merge with a session whose end <= S_prev - gap - grace', () => {
  test('window-session.jsonl, key u: u@23000, then u@27000 at S_prev 33000 → two sessions of 1', () => {
    // gap 5 s, grace 2 s; v@33000 moves stream time; u@27000 is kept (27000 >= 33000 - 7000) but
    // u [23000,23000] (end 23000 <= 33000 - 7000 = 26000) is outside the store's fetch range
    const input = plan(['u', 23000], ['v', 33000], ['u', 27000])
    const e = expectedWindows(input, session(5000, 2000, 'updates'))
    expect(values(e.windows)).toEqual({ '["u",23000,23000]': 1, '["u",27000,27000]': 1, '["v",33000,33000]': 1 })
  })

  test('a session whose end is one above the bound (S_prev - gap - grace + 1) still merges', () => {
    const input = plan(['u', 23000], ['v', 29999], ['u', 27000])
    const e = expectedWindows(input, session(5000, 2000, 'updates'))
    expect(values(e.windows)).toEqual({ '["u",23000,27000]': 2, '["v",29999,29999]': 1 })
  })
})

describe('D3: onWindowClose loses time windows when stream time jumps', () => {
  test('window-tumbling.jsonl partition 1: c@3000, c@30000 closes c [0,10000) below the bound 15000 → not emitted', () => {
    const e = expectedWindows(plan(['c', 3000], ['c', 30000]), tumbling(10000, 5000, 'on-window-close'))
    expect(values(e.windows)).toEqual({})
    expect([...(e.lost?.keys() ?? [])]).toEqual(['["c",0,10000]'])
    expect(e.notes.map((n) => n.kind)).toContain('lost-on-window-close')
    // an app that emits it anyway is not Kafka Streams
    const out = [{ topic: 'out', partition: 0, offset: '0', key: 'c', value: { key: 'c', start: 0, end: 10000, value: 1 }, headers: {}, ts: 0 }]
    expect(judgeWindows(e, out, mapping).violations.map((v) => v.kind)).toEqual(['extra-window'])
  })

  test('a window closed while end >= floor(S/advance)*advance - grace is emitted', () => {
    // at S 19999 c [0,10000) closes (10000 <= 19999 - 5000) and 10000 >= floor(19999/10000)*10000 - 5000
    const e = expectedWindows(plan(['c', 3000], ['c', 19999]), tumbling(10000, 5000, 'on-window-close'))
    expect(values(e.windows)).toEqual({ '["c",0,10000]': 1 })
    // emit final (suppress) has no such loss
    const f = expectedWindows(plan(['c', 3000], ['c', 30000]), tumbling(10000, 5000, 'final'))
    expect(values(f.windows)).toEqual({ '["c",0,10000]': 1 })
  })
})

describe('D4: onWindowClose loses sessions to segment expiry', () => {
  test('stream 1 of session/on-window-close, partition 0: k2@39634 closed by k2@50755 across the 60 s segment line → not emitted', () => {
    // gap 3 s, grace 2 s: I = max(2500, 60000) = 60000; T0 + 40000 is a multiple of 60000.
    // at k2@50755: S - gap - grace = 45755; floor((T0+39634)/I) < floor((T0+45755)/I) → deleted
    const input = plan(['k5', T0 + 35423], ['k2', T0 + 39634], ['k2', T0 + 50755])
    const e = expectedWindows(input, session(3000, 2000, 'on-window-close'))
    expect(values(e.windows)).toEqual({})
    expect([...(e.lost?.keys() ?? [])].sort()).toEqual([`["k2",${T0 + 39634},${T0 + 39634}]`, `["k5",${T0 + 35423},${T0 + 35423}]`])
  })

  test('a session closed within the same segment is emitted', () => {
    const input = plan(['k2', T0 + 41000], ['k2', T0 + 50755])
    const e = expectedWindows(input, session(3000, 2000, 'on-window-close'))
    expect(values(e.windows)).toEqual({ [`["k2",${T0 + 41000},${T0 + 41000}]`]: 1 })
  })
})

describe('D5: onWindowClose loses sliding windows below observedStreamTime - retention', () => {
  test('stream 1 of sliding/on-window-close, partition 0: k2@45430, then k5@69735 closes k2 [35430,45430] below the bound 37735', () => {
    // difference 10 s, grace 2 s: retention 2 * 10000 + 2000; k5's left window [59735,69735] is the
    // largest start stored, so the emit fetch starts at 59735 - 22000 = 37735
    const input = plan(['k2', T0 + 45430], ['k5', T0 + 69735])
    const e = expectedWindows(input, sliding(10000, 2000, 'on-window-close'))
    expect(values(e.windows)).toEqual({})
    expect([...(e.lost?.keys() ?? [])]).toEqual([`["k2",${T0 + 35430},${T0 + 45430}]`])
    // emit final (suppress) has no such loss
    const f = expectedWindows(input, sliding(10000, 2000, 'final'))
    expect(values(f.windows)).toEqual({ [`["k2",${T0 + 35430},${T0 + 45430}]`]: 1 })
  })

  test('window-sliding.jsonl partition 0: a window starting exactly at the bound is emitted, one ms below is lost', () => {
    // a@62000 stores [52000,62000]: bound 52000 - 22000 = 30000
    const input = plan(['a', T0 + 40000], ['b', T0 + 39999], ['a', T0 + 62000])
    const e = expectedWindows(input, sliding(10000, 2000, 'on-window-close'))
    expect(values(e.windows)).toEqual({ [`["a",${T0 + 30000},${T0 + 40000}]`]: 1 })
    expect([...(e.lost?.keys() ?? [])]).toEqual([`["b",${T0 + 29999},${T0 + 39999}]`])
  })
})
