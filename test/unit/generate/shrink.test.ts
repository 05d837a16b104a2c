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

  describe('within a budget of a few runs (each shrink step is a full run against a real SUT)', () => {
    /** An event by what shrinking keeps (ids and sequence numbers are renumbered in every candidate). */
    const identity = (e: StreamEvent) => `${e.key}@${e.ts}/${(e.value as { amount: number }).amount}`

    /**
     * Shrinks a 60-event stream that fails when it holds the first `needed` arrivals of the generated
     * stream, with `budget` shrink steps; the smallest failing stream found.
     */
    function shrinkWithin(budget: number, needed: number): { stream: StreamEvent[]; original: StreamEvent[]; steps: number } {
      let steps = -1 // the first failing run is not a shrink step
      let original: StreamEvent[] | undefined
      const arb = eventStreamArb({ keys: 4, events: 60, spanMs: 60_000, disorderMs: 2_000, stopShrinking: () => steps >= budget })
      const details = fc.check(
        fc.property(arb, (s) => {
          if (steps >= budget) return true
          original ??= s
          const have = new Set(s.map(identity))
          const failed = original.slice(0, needed).every((e) => have.has(identity(e)))
          if (failed || steps >= 0) steps++
          return !failed
        }),
        { seed: 21, numRuns: 1 },
      )
      expect(details.failed).toBe(true)
      return { stream: (details.counterexample as [StreamEvent[]])[0], original: original!, steps }
    }

    it('a failure caused by the first event to arrive shrinks to that event alone in 8 steps', () => {
      const { stream, original } = shrinkWithin(8, 1)
      expect(stream.map(identity)).toEqual([identity(original[0]!)])
    })

    it('a failure that needs the first 40 arrivals shrinks to exactly those in 8 steps (a prefix, not a suffix)', () => {
      // fast-check's own array shrinking keeps suffixes and removes one item per step: 8 steps would not get here
      const { stream, original } = shrinkWithin(8, 40)
      expect(stream.map(identity)).toEqual(original.slice(0, 40).map(identity))
    })
  })
})
