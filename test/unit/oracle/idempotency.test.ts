import { describe, expect, test } from 'vitest'
import { judgeIdempotency, lastValuePerKey } from '../../../src/oracle/idempotency.ts'
import type { CollectedRecord } from '../../../src/collect/record.ts'
import { cpuTime } from './cpu-time.ts'

const rec = (partition: number, offset: number, key: string | null, value: unknown, ts = offset): CollectedRecord => ({
  topic: 'totals', partition, offset: String(offset), key, value, headers: {}, ts,
})
const what = 'topic totals'

describe('judgeIdempotency, keyed state', () => {
  test('same values (object key order aside): no violations', () => {
    const clean = new Map<string, unknown>([['a', { total: 2, n: 1 }], ['b', 5]])
    const perturbed = new Map<string, unknown>([['b', 5], ['a', { n: 1, total: 2 }]])
    expect(judgeIdempotency({ perturbed, clean, what })).toEqual({ violations: [], notes: [] })
  })

  test('changed-value: expected is the clean value, actual the perturbed one', () => {
    const clean = new Map<string, unknown>([['a', { total: 2 }], ['b', 1]])
    const perturbed = new Map<string, unknown>([['a', { total: 3 }], ['b', 1]])
    expect(judgeIdempotency({ perturbed, clean, what }).violations).toEqual([
      {
        oracle: 'idempotency', kind: 'changed-value', ids: ['a'], where: [], expected: { total: 2 }, actual: { total: 3 },
        message: 'topic totals: key a is {"total":3} after the perturbed run, {"total":2} after the clean run',
      },
    ])
  })

  test('types count: 1 and "1" differ', () => {
    const r = judgeIdempotency({ perturbed: new Map([['a', '1']]), clean: new Map([['a', 1]]), what })
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([['changed-value', ['a']]])
  })

  test('extra-key and missing-key', () => {
    const clean = new Map<string, unknown>([['a', 1], ['gone', 2]])
    const perturbed = new Map<string, unknown>([['a', 1], ['new', 3]])
    const r = judgeIdempotency({ perturbed, clean, what })
    expect(r.violations).toEqual([
      {
        oracle: 'idempotency', kind: 'missing-key', ids: ['gone'], where: [], expected: 2,
        message: 'topic totals: key gone is missing after the perturbed run; the clean run has 2',
      },
      {
        oracle: 'idempotency', kind: 'extra-key', ids: ['new'], where: [], actual: 3,
        message: 'topic totals: key new exists only after the perturbed run, with 3',
      },
    ])
  })

  test('mixing keyed and row states is a programming error', () => {
    expect(() => judgeIdempotency({ perturbed: new Map(), clean: [], what })).toThrow(TypeError)
  })

  test('10k keys with one changed value: exact id, fast', () => {
    const clean = new Map<string, unknown>()
    for (let i = 0; i < 10_000; i++) clean.set(`k${i}`, { total: i, tags: ['x', 'y'] })
    const perturbed = new Map(clean)
    perturbed.set('k9876', { total: 9877, tags: ['x', 'y'] })
    const { result: r, ms } = cpuTime(() => judgeIdempotency({ perturbed, clean, what }))
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([['changed-value', ['k9876']]])
    expect(ms).toBeLessThan(2000) // CPU time, not wall time, so a busy machine does not fail it
  })
})

describe('judgeIdempotency, rows', () => {
  const what = 'sql select id, total from sink'

  test('same multiset in another order, columns in another order: no violations', () => {
    const clean = [{ id: 1, total: 10 }, { id: 2, total: 20 }, { id: 2, total: 20 }]
    const perturbed = [{ total: 20, id: 2 }, { id: 1, total: 10 }, { id: 2, total: 20 }]
    expect(judgeIdempotency({ perturbed, clean, what }).violations).toEqual([])
  })

  test('extra-row and missing-row, counted per distinct row', () => {
    const clean = [{ id: 1, total: 10 }, { id: 2, total: 20 }]
    const perturbed = [{ id: 1, total: 10 }, { id: 1, total: 10 }, { id: 2, total: 40 }]
    expect(judgeIdempotency({ perturbed, clean, what }).violations).toEqual([
      {
        oracle: 'idempotency', kind: 'missing-row', ids: ['{"id":2,"total":20}'], where: [], expected: 1, actual: 0,
        message: 'sql select id, total from sink: row {"id":2,"total":20} appears 0 times after the perturbed run, 1 time after the clean run',
      },
      {
        oracle: 'idempotency', kind: 'extra-row', ids: ['{"id":1,"total":10}'], where: [], expected: 1, actual: 2,
        message: 'sql select id, total from sink: row {"id":1,"total":10} appears 2 times after the perturbed run, 1 time after the clean run',
      },
      {
        oracle: 'idempotency', kind: 'extra-row', ids: ['{"id":2,"total":40}'], where: [], expected: 0, actual: 1,
        message: 'sql select id, total from sink: row {"id":2,"total":40} appears 1 time after the perturbed run, 0 times after the clean run',
      },
    ])
  })

  test('ordered: the same rows in another order give row-order at the first difference', () => {
    const clean = [{ id: 1 }, { id: 2 }, { id: 3 }]
    const perturbed = [{ id: 1 }, { id: 3 }, { id: 2 }]
    expect(judgeIdempotency({ perturbed, clean, what }).violations).toEqual([])
    const r = judgeIdempotency({ perturbed, clean, what, ordered: true })
    expect(r.violations.map((v) => [v.kind, v.ids, v.expected, v.actual])).toEqual([
      ['row-order', ['{"id":2}', '{"id":3}'], { id: 2 }, { id: 3 }],
    ])
  })
})

describe('lastValuePerKey', () => {
  test('highest offset per partition wins, offsets compared as numbers, not text', () => {
    const state = lastValuePerKey([rec(0, 10, 'a', 'third'), rec(0, 9, 'a', 'second'), rec(0, 2, 'a', 'first'), rec(0, 3, 'b', 'b1')])
    expect([...state]).toEqual([['a', 'third'], ['b', 'b1']])
  })

  test('a later offset wins even with an earlier timestamp', () => {
    expect([...lastValuePerKey([rec(0, 1, 'a', 'old', 500), rec(0, 2, 'a', 'new', 100)])]).toEqual([['a', 'new']])
  })

  test('across partitions: the partition whose last record is latest in time wins', () => {
    const records = [rec(0, 5, 'a', 'p0-last', 50), rec(1, 3, 'a', 'p1-early', 100), rec(1, 4, 'a', 'p1-last', 10)]
    expect([...lastValuePerKey(records)]).toEqual([['a', 'p0-last']])
  })

  test('a tombstone deletes the key unless tombstones are off; null keys are skipped', () => {
    const records = [rec(0, 0, 'a', 1), rec(0, 1, 'a', null), rec(0, 2, 'b', 2), rec(0, 3, null, 'keyless')]
    expect([...lastValuePerKey(records)]).toEqual([['b', 2]])
    expect([...lastValuePerKey(records, { tombstones: false })]).toEqual([['a', null], ['b', 2]])
  })

  test('the key can be a path into the value', () => {
    const records = [rec(0, 0, null, { user: 'u1', n: 1 }), rec(0, 1, null, { user: 'u1', n: 2 }), rec(0, 2, null, { user: 'u2', n: 7 })]
    expect([...lastValuePerKey(records, { key: 'value.user' })]).toEqual([['u1', { user: 'u1', n: 2 }], ['u2', { user: 'u2', n: 7 }]])
  })

  test('feeds the oracle: a replay that double-counts shows as changed-value', () => {
    const clean = lastValuePerKey([rec(0, 0, 'a', { total: 1 }), rec(0, 1, 'a', { total: 2 })])
    const perturbed = lastValuePerKey([rec(0, 0, 'a', { total: 1 }), rec(0, 1, 'a', { total: 2 }), rec(0, 2, 'a', { total: 4 })])
    expect(judgeIdempotency({ perturbed, clean, what }).violations.map((v) => [v.kind, v.ids, v.expected, v.actual])).toEqual([
      ['changed-value', ['a'], { total: 2 }, { total: 4 }],
    ])
  })
})
