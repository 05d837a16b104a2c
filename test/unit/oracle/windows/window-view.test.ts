import { describe, expect, test } from 'vitest'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { ExpectedWindow, WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { loadWindows } from '../../../../src/oracle/windows/load-windows.ts'
import { Category } from '../../../../src/oracle/windows/window-index.ts'
import { windowMaps } from '../../../../src/oracle/windows/window-view.ts'
import { mapping, outputs, plan } from './ops.ts'

const spec: WindowSpec = { profile: 'kafka-streams', window: { type: 'tumbling', size: 10 }, grace: 5, aggregate: 'count', emit: 'updates' }
// [0,10): e0 e1 e3, [10,20): e2 e4, [20,30): e6 e7; e5 and e8 (key j) are dropped as late
const input = plan(['k', 1], ['k', 4], ['k', 12], ['k', 8], ['k', 17], ['k', 9], ['k', 25], ['k', 20], ['j', 3])

describe('ExpectedWindows of kafka-streams tumbling windows: Map views over columns', () => {
  test('read like Maps by windowId, the same window object each time', () => {
    const e = expectedWindows(input, spec)
    expect([...e.windows.keys()]).toEqual(['["k",0,10]', '["k",10,20]', '["k",20,30]'])
    expect(e.windows.size).toBe(3)
    expect(e.windows.get('["k",0,10]')).toBe(e.windows.get('["k",0,10]'))
    expect(e.windows.get('["k",0,10]')?.members.map((o) => o.id)).toEqual(['e0', 'e1', 'e3'])
    expect(e.windows.has('["k", 0, 10]')).toBe(false) // not the id's text
    expect(e.windows.has('not json')).toBe(false)
    expect(e.windows.has('["j",0,10]')).toBe(false)
    expect([...e.lateOnly.keys()]).toEqual(['["j",0,10]'])
  })

  test('the same windows judged whether the engine wrote them in columns or they were loaded as objects', () => {
    const wrong = outputs(['k', 0, 10, 3], ['k', 10, 20, 2], ['k', 20, 30, 1], ['k', 30, 40, 1])
    const columns = expectedWindows(input, spec)
    const copy = (m: ReadonlyMap<string, ExpectedWindow>) => new Map(m)
    const loadedIndex = loadWindows(input, { windows: copy(columns.windows), unclosed: copy(columns.unclosed), lateOnly: copy(columns.lateOnly), tolerated: copy(columns.tolerated) })
    const loaded = { ...columns, index: loadedIndex, ...windowMaps(loadedIndex) }
    expect([...loaded.windows.keys()]).toEqual([...columns.windows.keys()])
    const before = judgeWindows(columns, wrong, mapping)
    expect(before.violations.map((v) => [v.kind, v.ids])).toEqual([
      ['late-dropped', ['e6']],
      ['extra-window', []],
    ])
    expect(judgeWindows(loaded, wrong, mapping)).toEqual(before)
  })
})

describe('a window identity in two categories (loaded windows)', () => {
  const ops = plan(['k', 1], ['k', 2])
  const w = (members: number[]): ExpectedWindow => ({ key: 'k', start: 0, end: 10, value: members.length, members: members.map((i) => ops[i]!), dropped: [], graceMembers: [] })
  const index = loadWindows(ops, { windows: new Map(), unclosed: new Map([['["k",0,10]', w([0])]]), lateOnly: new Map(), tolerated: new Map([['["k",0,10]', w([0, 1])]]) })

  test('is in both maps, found by the judge as tolerated, listed for its key unclosed first', () => {
    const maps = windowMaps(index)
    expect(maps.unclosed.get('["k",0,10]')?.value).toBe(1)
    expect(maps.tolerated.get('["k",0,10]')?.value).toBe(2)
    expect(index.category(index.find('k', 0, 10))).toBe(Category.Tolerated)
    expect(index.windowsOfKey('k').map((x) => x.value)).toEqual([1, 2])
  })
})
