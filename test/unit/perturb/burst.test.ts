import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { burst } from '../../../src/perturb/burst.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import type { EventStep } from '../../../src/perturb/step.ts'
import { arbSteps, ev, eventsOnly, faultPositions, frozen, sortedTags, tags } from './steps.ts'

const runs = { numRuns: 100 }
const perKey = (events: readonly EventStep[]) => {
  const m = new Map<string | null, string[]>()
  for (const e of events) m.set(e.event.key, [...(m.get(e.event.key) ?? []), e.id])
  return m
}

describe('burst', () => {
  test('regroups per key into runs of size, released at the size-th event; partial groups flush at the end', () => {
    const events = [ev(0, 0, 'a'), ev(1, 1, 'b'), ev(2, 2, 'a'), ev(3, 3, null), ev(4, 4, 'b'), ev(5, 5, 'a'), ev(6, 6, null)]
    expect(tags(burst({ size: 2 })(events, createRng(0)))).toEqual(['e0#0', 'e2#0', 'e1#0', 'e4#0', 'e3#0', 'e6#0', 'e5#0'])
    expect(tags(burst({ size: 1 })(events, createRng(0)))).toEqual(tags(events))
  })

  test('every cuts the stream into segments that nothing leaves', () => {
    const events = [ev(0, 0, 'a'), ev(1, 1, 'b'), ev(2, 2, 'a'), ev(3, 3, 'b'), ev(4, 4, 'a'), ev(5, 5, 'b')]
    expect(tags(burst({ size: 3, every: 3 })(events, createRng(0)))).toEqual(['e0#0', 'e2#0', 'e1#0', 'e3#0', 'e5#0', 'e4#0'])
  })

  test('keeps the multiset, per-key order, segments and fault places; deterministic', () => {
    fc.assert(
      fc.property(arbSteps(), fc.integer({ min: 1, max: 5 }), fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), (steps, size, every) => {
        const p = burst(every === undefined ? { size } : { size, every })
        const out = p(frozen(steps), createRng(1))
        expect(JSON.stringify(out)).toBe(JSON.stringify(p(steps, createRng(2))))
        expect(sortedTags(out)).toEqual(sortedTags(steps))
        expect(perKey(eventsOnly(out))).toEqual(perKey(eventsOnly(steps)))
        expect(faultPositions(out)).toEqual(faultPositions(steps))
        if (every !== undefined) {
          const input = eventsOnly(steps)
          eventsOnly(out).forEach((s, i) => expect(Math.floor(input.indexOf(s) / every)).toBe(Math.floor(i / every)))
        }
      }),
      runs,
    )
  })

  test('rejects bad options', () => {
    expect(() => burst({ size: 0 })).toThrow(InputError)
    expect(() => burst({ size: 2, every: 0 })).toThrow(/burst\.every/)
  })
})
