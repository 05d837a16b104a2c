import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { insertionOrder, sortedOrder } from '../../../src/perturb/_internals/reorder-order.ts'
import { reorder } from '../../../src/perturb/reorder.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import type { EventStep } from '../../../src/perturb/step.ts'
import { arbEvents, arbSortedEvents, arbSteps, ev, eventsOnly, faultPositions, frozen, sortedTags, tags } from './steps.ts'

const runs = { numRuns: 100 }

/** Every pair whose relative order changed, as [earlier-in-input, later-in-input]. */
function swappedPairs(before: readonly EventStep[], after: readonly EventStep[]): [EventStep, EventStep][] {
  const pos = new Map(after.map((s, i) => [s.id, i]))
  const out: [EventStep, EventStep][] = []
  for (let i = 0; i < before.length; i++) {
    for (let j = i + 1; j < before.length; j++) {
      if (pos.get(before[i]!.id)! > pos.get(before[j]!.id)!) out.push([before[i]!, before[j]!])
    }
  }
  return out
}

describe('reorder', () => {
  test('is deterministic and keeps the exact multiset of events', () => {
    fc.assert(
      fc.property(arbSteps(), fc.integer(), (steps, seed) => {
        const p = reorder({ withinMs: 5000 })
        const a = p(frozen(steps), createRng(seed))
        expect(JSON.stringify(a)).toBe(JSON.stringify(p(steps, createRng(seed))))
        expect(sortedTags(a)).toEqual(sortedTags(steps))
      }),
      runs,
    )
  })

  test('within 5000 ms never swaps two events more than 5000 ms apart, for any input order', () => {
    fc.assert(
      fc.property(fc.oneof(arbEvents(), arbSortedEvents()), fc.integer(), (events, seed) => {
        const out = eventsOnly(reorder({ withinMs: 5000 })(events, createRng(seed)))
        for (const [a, b] of swappedPairs(events, out)) expect(Math.abs(a.event.ts - b.event.ts)).toBeLessThanOrEqual(5000)
      }),
      runs,
    )
  })

  test('positions N never moves an event more than N places, alone or with within', () => {
    fc.assert(
      fc.property(arbEvents(), fc.integer({ min: 0, max: 6 }), fc.option(fc.integer({ min: 0, max: 8000 })), fc.integer(), (events, n, within, seed) => {
        const options = within === null ? { positions: n } : { positions: n, withinMs: within }
        const out = eventsOnly(reorder(options)(events, createRng(seed)))
        out.forEach((s, i) => expect(Math.abs(Number(s.id.slice(1)) - i)).toBeLessThanOrEqual(n))
        if (within !== null) for (const [a, b] of swappedPairs(events, out)) expect(Math.abs(a.event.ts - b.event.ts)).toBeLessThanOrEqual(within)
      }),
      runs,
    )
  })

  test('on ts-sorted input the sort and the bounded insertion give the same order', () => {
    fc.assert(
      fc.property(arbSortedEvents(), fc.integer(), (events, seed) => {
        const rng = createRng(seed)
        const keys = events.map((e) => e.event.ts + rng.next() * 3000)
        expect(insertionOrder(events, keys, 3000, undefined)).toEqual(sortedOrder(keys))
      }),
      runs,
    )
  })

  test('faults keep their place by count', () => {
    fc.assert(
      fc.property(arbSteps(), fc.integer(), (steps, seed) => {
        expect(faultPositions(reorder({ positions: 3 })(steps, createRng(seed)))).toEqual(faultPositions(steps))
      }),
      runs,
    )
  })

  test('it does shuffle: 50 events within the window come out in another order', () => {
    const events = Array.from({ length: 50 }, (_, i) => ev(i, 1000 + i))
    const out = reorder({ withinMs: 5000 })(events, createRng(1))
    expect(tags(out)).not.toEqual(tags(events))
    expect(sortedTags(out)).toEqual(sortedTags(events))
  })

  test('within 0 on distinct event times changes nothing', () => {
    const events = Array.from({ length: 20 }, (_, i) => ev(i, i * 10))
    expect(tags(reorder({ withinMs: 0 })(events, createRng(3)))).toEqual(tags(events))
  })

  test('an out-of-order event far in the past is never moved across the events it is far from', () => {
    // e2 is 1 hour older than everything else: no pair with it may swap
    const events = [ev(0, 3_600_000), ev(1, 3_600_100), ev(2, 0), ev(3, 3_600_200), ev(4, 3_600_300)]
    for (let seed = 0; seed < 50; seed++) {
      const ids = tags(reorder({ withinMs: 1000 })(events, createRng(seed)))
      expect(ids.indexOf('e2#0')).toBe(2)
    }
  })

  test('needs a bound, and rejects bad values', () => {
    expect(() => reorder({})).toThrow(InputError)
    expect(() => reorder({ withinMs: -1 })).toThrow(/reorder\.within/)
    expect(() => reorder({ positions: 1.5 })).toThrow(/expected an integer >= 0/)
  })
})
