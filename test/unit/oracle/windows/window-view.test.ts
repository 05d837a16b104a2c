import { describe, expect, test } from 'vitest'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { WindowView } from '../../../../src/oracle/windows/window-view.ts'
import { mapping, outputs, plan } from './ops.ts'

const spec: WindowSpec = { profile: 'kafka-streams', window: { type: 'tumbling', size: 10 }, grace: 5, aggregate: 'count', emit: 'updates' }
// [0,10): e0 e1 e3, [10,20): e2 e4, [20,30): e6 e7; e5 and e8 (key j) are dropped as late
const input = plan(['k', 1], ['k', 4], ['k', 12], ['k', 8], ['k', 17], ['k', 9], ['k', 25], ['k', 20], ['j', 3])

describe('ExpectedWindows of kafka-streams tumbling windows: Map views over columns', () => {
  test('read like Maps by windowId, the same window object each time', () => {
    const e = expectedWindows(input, spec)
    expect(e.windows).toBeInstanceOf(WindowView)
    expect([...e.windows.keys()]).toEqual(['["k",0,10]', '["k",10,20]', '["k",20,30]'])
    expect(e.windows.size).toBe(3)
    expect(e.windows.get('["k",0,10]')).toBe(e.windows.get('["k",0,10]'))
    expect(e.windows.get('["k",0,10]')?.members.map((o) => o.id)).toEqual(['e0', 'e1', 'e3'])
    expect(e.windows.has('["k", 0, 10]')).toBe(false) // not the id's text
    expect(e.windows.has('not json')).toBe(false)
    expect(e.windows.has('["j",0,10]')).toBe(false)
    expect([...e.lateOnly.keys()]).toEqual(['["j",0,10]'])
  })

  test('a changed view becomes an ordinary Map, and the judge reads it as one', () => {
    const wrong = outputs(['k', 0, 10, 3], ['k', 10, 20, 2], ['k', 20, 30, 1], ['k', 30, 40, 1])
    const before = judgeWindows(expectedWindows(input, spec), wrong, mapping)
    const e = expectedWindows(input, spec)
    const w = e.windows.get('["k",20,30]')
    e.windows.delete('["k",20,30]')
    expect(e.windows.size).toBe(2)
    if (w !== undefined) e.windows.set('["k",20,30]', w)
    expect([...e.windows.keys()]).toEqual(['["k",0,10]', '["k",10,20]', '["k",20,30]'])
    expect(before.violations.map((v) => [v.kind, v.ids])).toEqual([
      ['late-dropped', ['e6']],
      ['extra-window', []],
    ])
    expect(judgeWindows(e, wrong, mapping)).toEqual(before)
  })
})
