import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventStreamArb } from '../../../src/generate/index.ts'
import { sizedArray } from '../../../src/generate/_internals/sized-array.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'

describe('shrinking generated streams', () => {
  it('"no event with key k3 after ts 5000" shrinks to one k3 event just past 5000', () => {
    const arb = eventStreamArb({ keys: 5, events: { min: 50, max: 200 }, spanMs: 100_000, disorderMs: 500, lateRate: 0.05, duplicateRate: 0.05, windowSizeMs: 1_000 })
    const details = fc.check(
      fc.property(arb, (s) => !s.some((e) => e.key === 'k3' && e.ts > 5_000)),
      { seed: 7, numRuns: 100 },
    )
    expect(details.failed).toBe(true)
    // clock positions are absolute: the events before it are not needed to reach 5000, so they go;
    // its time stays on the window boundary 5999 (end - 1 of [5000, 6000)) for this seed
    const [stream] = details.counterexample as [StreamEvent[]]
    expect(stream).toEqual([{ key: 'k3', value: { key: 'k3', amount: 1 }, headers: {}, ts: stream[0]!.ts, id: 'e0' }])
    expect(stream[0]!.ts).toBeGreaterThan(5_000)
    expect(stream[0]!.ts).toBeLessThan(6_000)
  })

  it('a failure that needs stream time to advance keeps just the event that advances it', () => {
    // "a k1 event arrives more than 2000 ms behind the largest time so far" (a late event)
    const arb = eventStreamArb({ keys: 3, events: 100, spanMs: 60_000, disorderMs: 3_000, value: 'count' })
    const details = fc.check(
      fc.property(arb, (s) => {
        let max = -1
        for (const e of s) {
          if (e.key === 'k1' && e.ts < max - 2_000) return false
          max = Math.max(max, e.ts)
        }
        return true
      }),
      { seed: 5 },
    )
    expect(details.failed).toBe(true)
    const [stream] = details.counterexample as [StreamEvent[]]
    expect(stream.map((e) => e.key)).toEqual(['k0', 'k1'])
    expect(stream[1]!.ts).toBeLessThan(stream[0]!.ts - 2_000)
  })

  it('a fixed-size stream still shrinks below its size, to the single event that matters', () => {
    const arb = eventStreamArb({ keys: 4, events: 300, spanMs: 30_000, value: 'count' })
    const details = fc.check(fc.property(arb, (s) => !s.some((e) => e.key === 'k2')), { seed: 11 })
    expect(details.failed).toBe(true)
    const [stream] = details.counterexample as [StreamEvent[]]
    expect(stream).toEqual([{ key: 'k2', value: 0, headers: {}, ts: 0, id: 'e0' }])
  })

  it('a failure that needs a duplicate keeps the duplicate and drops the rest', () => {
    const arb = eventStreamArb({ keys: 3, events: 100, spanMs: 10_000, duplicateRate: 0.1, value: 'count' })
    const details = fc.check(
      fc.property(arb, (s) => new Set(s.map((e) => e.id)).size === s.length),
      { seed: 3 },
    )
    expect(details.failed).toBe(true)
    const [stream] = details.counterexample as [StreamEvent[]]
    expect(stream).toHaveLength(2)
    expect(stream[0]).toEqual(stream[1])
  })

  it('sizedArray generates exactly n items and shrinks to fewer', () => {
    const arb = sizedArray(fc.integer({ min: 0, max: 9 }), { min: 40, max: 40, shrinkMin: 0 })
    for (const a of fc.sample(arb, { seed: 1, numRuns: 30 })) expect(a).toHaveLength(40)
    const details = fc.check(fc.property(arb, (a) => !a.includes(7)), { seed: 1 })
    expect(details.counterexample).toEqual([[7]])
  })
})
