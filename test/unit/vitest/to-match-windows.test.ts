import { describe, expect, it } from 'vitest'
import type { CollectedRecord } from '../../../src/collect/record.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import { toMatchWindows } from '../../../src/vitest/matchers/windows.ts'
import type { WindowsOptions } from '../../../src/vitest/matchers/window-options.ts'

expect.extend({ toMatchWindows })
declare module 'vitest' {
  interface Assertion {
    toMatchWindows(sent: readonly ProduceOp[], options: WindowsOptions): void
  }
}

/** What replay() returns: the plan's ops, with the seed that made them. */
function sent(events: [key: string, ts: number][], seed = 9): ProduceOp[] {
  const ops = events.map(([key, ts], seq): ProduceOp => ({ kind: 'produce', seq, topic: 'events', partition: 0, key, value: { n: seq }, headers: {}, ts, id: `e${seq}`, copy: 0 }))
  return Object.assign(ops, { seed })
}

const update = (key: string, start: number, count: number, offset: number): CollectedRecord => ({
  topic: 'counts', partition: 0, offset: String(offset), key, headers: {}, ts: start, value: { start, end: start + 10_000, count },
})

const OPTIONS: WindowsOptions = {
  profile: 'kafka-streams',
  window: { tumbling: '10s', grace: '5s' },
  aggregate: 'count',
  emit: 'updates',
  map: { key: 'key', start: 'value.start', end: 'value.end', value: 'value.count' },
}

// a: two records in [0, 10s); b: one in [10s, 20s); the last `a` at 9999 arrives after stream time 16000 = 10000 + grace + 1000
const EVENTS: [string, number][] = [['a', 1_000], ['a', 2_000], ['b', 16_000], ['a', 9_999]]

describe('toMatchWindows', () => {
  it('holds for the updates a correct engine emits, late record dropped', () => {
    const out = [update('a', 0, 1, 0), update('a', 0, 2, 1), update('b', 10_000, 1, 2)]
    expect(out).toMatchWindows(sent(EVENTS), OPTIONS)
  })

  it('fails on a late record counted, naming the violation, the window and the seed', () => {
    const out = [update('a', 0, 1, 0), update('a', 0, 2, 1), update('b', 10_000, 1, 2), update('a', 0, 3, 3)]
    expect(out).not.toMatchWindows(sent(EVENTS), OPTIONS)
    expect(() => expect(out).toMatchWindows(sent(EVENTS), OPTIONS)).toThrow(/late-included[\s\S]*"a",0,10000[\s\S]*seed: 9/)
  })

  it('fails on a missing window and on a wrong count', () => {
    expect(() => expect([update('a', 0, 1, 0), update('a', 0, 2, 1)]).toMatchWindows(sent(EVENTS), OPTIONS)).toThrow(/missing-window/)
    expect(() => expect([update('a', 0, 1, 0), update('a', 0, 5, 1), update('b', 10_000, 1, 2)]).toMatchWindows(sent(EVENTS), OPTIONS)).toThrow(/wrong-value/)
  })

  it('takes what collect() returned and judges its committed records', () => {
    const committed = [update('a', 0, 1, 0), update('a', 0, 2, 1), update('b', 10_000, 1, 2)]
    expect({ topic: 'counts', committed, uncommitted: [...committed, update('a', 0, 3, 3)] }).toMatchWindows(sent(EVENTS), OPTIONS)
  })
})
