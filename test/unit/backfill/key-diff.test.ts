import { expect, test } from 'vitest'
import { diffPerKey, isEmptyDiff } from '../../../src/backfill/key-diff.ts'

test('added, removed and changed keys with both values; member order is not a change; keys in numeric order', () => {
  const baseline = new Map<string, unknown>([['c-10', { a: 1, b: 2 }], ['c-2', 5], ['c-9', 'gone'], ['c-1', { x: [1, 2] }]])
  const candidate = new Map<string, unknown>([['c-10', { b: 2, a: 1 }], ['c-2', 6], ['c-1', { x: [2, 1] }], ['c-11', null], ['c-3', 'new']])
  expect(diffPerKey(baseline, candidate)).toEqual({
    added: [{ key: 'c-3', value: 'new' }, { key: 'c-11', value: null }],
    removed: [{ key: 'c-9', value: 'gone' }],
    changed: [{ key: 'c-1', baseline: { x: [1, 2] }, candidate: { x: [2, 1] } }, { key: 'c-2', baseline: 5, candidate: 6 }],
    unchanged: 1,
  })
})

test('types matter (1 is not "1"); identical states are an empty diff', () => {
  expect(diffPerKey(new Map([['k', 1]]), new Map([['k', '1']])).changed).toEqual([{ key: 'k', baseline: 1, candidate: '1' }])
  const same = diffPerKey(new Map([['k', { v: 1 }]]), new Map([['k', { v: 1 }]]))
  expect(same).toEqual({ added: [], removed: [], changed: [], unchanged: 1 })
  expect(isEmptyDiff(same)).toBe(true)
})
