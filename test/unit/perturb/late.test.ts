import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { late } from '../../../src/perturb/late.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import { arbSteps, ev, eventsOnly, faultPositions, frozen, sortedTags, tags } from './steps.ts'

const runs = { numRuns: 100 }
const arbOptions = fc.record({ rate: fc.double({ min: 0, max: 1, noNaN: true }), byMs: fc.integer({ min: 0, max: 10_000 }) })

describe('late', () => {
  test('is deterministic, keeps the multiset, moves round(rate * n) events and keeps faults by count', () => {
    fc.assert(
      fc.property(arbSteps(), arbOptions, fc.integer(), (steps, options, seed) => {
        const p = late(options)
        const out = p(frozen(steps), createRng(seed))
        expect(JSON.stringify(out)).toBe(JSON.stringify(p(steps, createRng(seed))))
        expect(sortedTags(out)).toEqual(sortedTags(steps))
        const n = eventsOnly(steps).length
        expect(eventsOnly(out).filter((s) => s.late).length).toBe(Math.round(options.rate * n))
        expect(faultPositions(out)).toEqual(faultPositions(steps))
      }),
      runs,
    )
  })

  test('a late event arrives after an event at least byMs newer, else after every on-time event; on-time events keep their order', () => {
    fc.assert(
      fc.property(arbSteps(), arbOptions, fc.integer(), (steps, options, seed) => {
        const input = eventsOnly(steps)
        const out = eventsOnly(late(options)(steps, createRng(seed)))
        const onTime = out.filter((s) => !s.late)
        expect(onTime.map((s) => s.id)).toEqual(input.filter((s) => onTime.includes(s)).map((s) => s.id))
        out.forEach((s, i) => {
          if (!s.late) return
          const newer = out.slice(0, i).some((o) => !o.late && o.event.ts >= s.event.ts + options.byMs)
          const afterAllOnTime = out.slice(i).every((o) => o.late)
          expect(newer || afterAllOnTime).toBe(true)
          // and it moved later: every on-time event that preceded it in the input still precedes it
          const before = input.slice(0, input.findIndex((x) => x.id === s.id)).filter((x) => onTime.includes(x))
          for (const b of before) expect(out.indexOf(b)).toBeLessThan(i)
        })
      }),
      runs,
    )
  })

  test('exact placement: after the first later event byMs newer, or at the end', () => {
    // e0 (ts 0) must follow the first event with ts >= 1000 (e2); e3 (ts 5000) has none and goes last
    const events = [ev(0, 0), ev(1, 500), ev(2, 1000), ev(3, 5000), ev(4, 1200)]
    const out = late({ rate: 1, byMs: 1000 })(events, createRng(1))
    // all five are late: nothing stays, so all go to the end in input order
    expect(tags(out)).toEqual(['e0#0', 'e1#0', 'e2#0', 'e3#0', 'e4#0'])
    let moved: string[] = []
    for (let seed = 0; moved.length === 0 || !moved.includes('e0#0'); seed++) {
      const r = late({ rate: 0.2, byMs: 1000 })(events, createRng(seed))
      moved = eventsOnly(r).filter((s) => s.late).map((s) => `${s.id}#${s.copy}`)
      if (moved.includes('e0#0')) expect(tags(r)).toEqual(['e1#0', 'e2#0', 'e0#0', 'e3#0', 'e4#0'])
      if (moved.includes('e3#0')) expect(tags(r)).toEqual(['e0#0', 'e1#0', 'e2#0', 'e4#0', 'e3#0'])
    }
  })

  test('keeps event times and marks the moved events', () => {
    const events = Array.from({ length: 10 }, (_, i) => ev(i, i * 100))
    const out = eventsOnly(late({ rate: 0.3, byMs: 300 })(events, createRng(4)))
    expect(out.filter((s) => s.late).length).toBe(3)
    for (const s of out) expect(s.event.ts).toBe(Number(s.id.slice(1)) * 100)
    expect(events.every((s) => s.late === undefined)).toBe(true)
  })

  test('rejects bad options', () => {
    expect(() => late({ rate: -0.1, byMs: 1 })).toThrow(InputError)
    expect(() => late({ rate: 0.1, byMs: Number.NaN })).toThrow(/late\.by/)
  })
})
