import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventStreamArb } from '../../../src/generate/index.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'

const sample = (arb: fc.Arbitrary<StreamEvent[]>, seed: number, numRuns = 20) => fc.sample(arb, { seed, numRuns })

describe('eventStreamArb', () => {
  it('gives exactly the asked number of events, integer times >= 0, keys from the domain, unique ids', () => {
    const arb = eventStreamArb({ keys: 5, events: 300, spanMs: 60_000, disorderMs: 2_000, lateRate: 0.1, windowSizeMs: 5_000 })
    for (const s of sample(arb, 1)) {
      expect(s).toHaveLength(300)
      expect(s.filter((e) => !(Number.isInteger(e.ts) && e.ts >= 0))).toEqual([])
      expect(new Set(s.map((e) => e.key))).toEqual(new Set(['k0', 'k1', 'k2', 'k3', 'k4']))
      expect(s.filter((e) => Object.keys(e.headers).length > 0)).toEqual([])
      expect(s.filter((e) => typeof e.value !== 'object' || (e.value as { key: unknown }).key !== e.key)).toEqual([])
      expect(new Set(s.map((e) => e.id)).size).toBe(300)
      expect(s.map((e) => e.id)).toEqual(s.map((_, i) => `e${i}`))
    }
  })

  it('takes a given key domain and an event-count range', () => {
    const arb = eventStreamArb({ keys: ['a', 'b'], events: { min: 3, max: 7 }, spanMs: 1_000 })
    for (const s of sample(arb, 2, 50)) {
      expect(s.length).toBeGreaterThanOrEqual(3)
      expect(s.length).toBeLessThanOrEqual(7)
      for (const e of s) expect(['a', 'b']).toContain(e.key)
    }
  })

  it('keeps disorder within disorderMs of the largest time so far when nothing is marked', () => {
    const arb = eventStreamArb({ keys: 3, events: 200, spanMs: 20_000, disorderMs: 300 })
    let sawDisorder = false
    for (const s of sample(arb, 3)) {
      let max = -1
      const tooFar: StreamEvent[] = []
      for (const e of s) {
        if (e.ts < max - 300) tooFar.push(e)
        if (e.ts < max) sawDisorder = true
        max = Math.max(max, e.ts)
      }
      expect(tooFar).toEqual([])
    }
    expect(sawDisorder).toBe(true)
  })

  it('without disorder, times never go backwards and cover about the span', () => {
    const arb = eventStreamArb({ keys: 1, events: 500, spanMs: 50_000, startTs: 1_000 })
    for (const s of sample(arb, 4)) {
      expect(s.filter((e, i) => i > 0 && e.ts < s[i - 1]!.ts)).toEqual([])
      expect(s[0]!.ts).toBeGreaterThanOrEqual(1_000)
      const covered = s.at(-1)!.ts - 1_000
      expect(covered).toBeGreaterThan(40_000)
      expect(covered).toBeLessThan(60_000)
    }
  })

  it('hits window boundaries: start, end - 1, end + grace - 1 and end + grace', () => {
    const size = 1_000
    const grace = 200
    const arb = eventStreamArb({ keys: 2, events: 200, spanMs: 30_000, disorderMs: 400, windowSizeMs: size, graceMs: grace })
    for (const s of sample(arb, 5, 10)) {
      const mods = s.map((e) => e.ts % size)
      expect(mods).toContain(0)
      expect(mods).toContain(size - 1)
      expect(mods).toContain(grace)
      expect(mods).toContain(grace - 1)
    }
  })

  it('hits the boundaries of hopping windows on the advance grid', () => {
    const arb = eventStreamArb({ keys: 1, events: 200, spanMs: 30_000, windowSizeMs: 1_000, windowAdvanceMs: 300, boundaryRate: 1 })
    for (const s of sample(arb, 6, 5)) {
      // every event is a boundary: a start (multiple of 300), an end - 1 (start + 999) or an end (start + 1000)
      expect(new Set(s.map((e) => e.ts % 300))).toEqual(new Set([0, 99, 100]))
    }
  })

  it('makes late events: past every window and grace of the stream time so far', () => {
    const arb = eventStreamArb({ keys: 2, events: 200, spanMs: 100_000, windowSizeMs: 1_000, graceMs: 500, lateRate: 0.1, boundaryRate: 0 })
    for (const s of sample(arb, 7, 10)) {
      let max = -1
      let late = 0
      for (const e of s) {
        if (max >= 1_501 + 1_000 && e.ts <= max - 1_501) late++
        max = Math.max(max, e.ts)
      }
      expect(late).toBeGreaterThan(5)
    }
  })

  it('lands events exactly one session gap and gap + 1 after the previous one', () => {
    const arb = eventStreamArb({ keys: 1, events: 100, spanMs: 100_000, sessionGapMs: 3_000 })
    for (const s of sample(arb, 8, 5)) {
      const deltas = s.slice(1).map((e, i) => e.ts - s[i]!.ts)
      expect(deltas).toContain(3_000)
      expect(deltas).toContain(3_001)
    }
  })

  it('duplicates repeat an earlier event exactly, id included', () => {
    const arb = eventStreamArb({ keys: 3, events: 100, spanMs: 10_000, duplicateRate: 0.2 })
    for (const s of sample(arb, 9, 10)) {
      const byId = new Map<string, StreamEvent>()
      let dups = 0
      for (const e of s) {
        const first = byId.get(e.id!)
        if (first) {
          dups++
          expect(e).toEqual(first)
        } else byId.set(e.id!, e)
      }
      expect(dups).toBeGreaterThan(5)
      expect([...byId.keys()]).toEqual([...byId.keys()].map((_, i) => `e${i}`))
    }
  })

  it("value 'count' is the sequence number; a key function makes values per key", () => {
    const counted = sample(eventStreamArb({ keys: 2, events: 10, spanMs: 100, value: 'count' }), 10, 1)[0]!
    expect(counted.map((e) => e.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const perKey = sample(eventStreamArb({ keys: 3, events: 30, spanMs: 100, value: (key) => fc.constant(`v-${key}`) }), 11, 5)
    for (const s of perKey) for (const e of s) expect(e.value).toBe(`v-${e.key}`)
  })

  it('is deterministic for a seed and differs across seeds', () => {
    const arb = () => eventStreamArb({ keys: 4, events: 50, spanMs: 5_000, disorderMs: 100, lateRate: 0.1, duplicateRate: 0.1, windowSizeMs: 500 })
    expect(sample(arb(), 42, 3)).toEqual(sample(arb(), 42, 3))
    expect(sample(arb(), 42, 1)).not.toEqual(sample(arb(), 43, 1))
  })

  it('rejects options it cannot honour, naming them', () => {
    expect(() => eventStreamArb({ keys: 0, events: 1, spanMs: 1 })).toThrow(/keys: an integer >= 1/)
    expect(() => eventStreamArb({ keys: [], events: 1, spanMs: 1 })).toThrow(/at least one key/)
    expect(() => eventStreamArb({ keys: 1, events: { min: 5, max: 2 }, spanMs: 1 })).toThrow(/events:/)
    expect(() => eventStreamArb({ keys: 1, events: 1, spanMs: -1 })).toThrow(/spanMs/)
    expect(() => eventStreamArb({ keys: 1, events: 1, spanMs: 1, lateRate: 0.6, duplicateRate: 0.6 })).toThrow(/add up to 1.2/)
  })
})
