import { expect, test } from 'vitest'
import { fixtureRecords, mergeByTs, recordEvents } from '../../../src/backfill/records.ts'
import { lastValuePerKey } from '../../../src/oracle/idempotency.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'

const e = (key: string, value: unknown, ts: number, partition?: number): StreamEvent => ({ key, value, headers: {}, ts, ...(partition !== undefined ? { partition } : {}) })

test('an output fixture becomes records in log order per partition, so the last line of a key wins', () => {
  const records = fixtureRecords([e('a', 1, 5), e('b', 1, 1, 1), e('a', 2, 3), e('b', 2, 0, 1)], 'out')
  expect(records.map((r) => [r.partition, r.offset, r.key, r.value])).toEqual([[0, '0', 'a', 1], [1, '0', 'b', 1], [0, '1', 'a', 2], [1, '1', 'b', 2]])
  expect(lastValuePerKey(records)).toEqual(new Map([['a', 2], ['b', 2]]))
})

test('source records become events pinned to their partition, merged by time with each partition in offset order', () => {
  const events = recordEvents([
    { topic: 'in', partition: 0, offset: '7', key: 'a', value: 1, headers: { h: 'x' }, ts: 10 },
    { topic: 'in', partition: 0, offset: '8', key: 'a', value: 2, headers: {}, ts: 5 },
    { topic: 'in', partition: 1, offset: '0', key: 'b', value: 3, headers: {}, ts: 7 },
  ])
  expect(events[0]).toEqual({ key: 'a', value: 1, headers: { h: 'x' }, ts: 10, partition: 0 })
  expect(mergeByTs(events).map((x) => x.value)).toEqual([3, 1, 2])
  expect(mergeByTs([e('x', 1, 4, 1), e('y', 2, 4, 0)]).map((x) => x.value)).toEqual([2, 1])
})
