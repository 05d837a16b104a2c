import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { duplicate } from '../../../src/perturb/duplicate.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import type { Step } from '../../../src/perturb/step.ts'
import { arbSteps, crash, ev, eventsOnly, frozen, tags } from './steps.ts'

const runs = { numRuns: 100 }
const arbOptions = fc.record({ rate: fc.double({ min: 0, max: 1, noNaN: true }), copies: fc.integer({ min: 1, max: 3 }), spread: fc.integer({ min: 0, max: 6 }) })

describe('duplicate', () => {
  test('is deterministic', () => {
    fc.assert(
      fc.property(arbSteps(), arbOptions, fc.integer(), (steps, options, seed) => {
        const p = duplicate(options)
        expect(JSON.stringify(p(frozen(steps), createRng(seed)))).toBe(JSON.stringify(p(steps, createRng(seed))))
      }),
      runs,
    )
  })

  test('keeps the input steps in order and only adds copies of existing events, each within spread after its original', () => {
    fc.assert(
      fc.property(arbSteps(), arbOptions, fc.integer(), (steps, options, seed) => {
        const out = duplicate(options)(steps, createRng(seed))
        const isCopy = (s: Step) => s.kind === 'event' && s.copy > 0
        expect(out.filter((s) => !isCopy(s))).toEqual(steps)
        const seenTags = new Set<string>()
        out.forEach((s, i) => {
          if (s.kind !== 'event') return
          const tag = `${s.id}#${s.copy}`
          expect(seenTags.has(tag)).toBe(false)
          seenTags.add(tag)
          if (s.copy === 0) return
          const original = out.findIndex((o) => o.kind === 'event' && o.id === s.id && o.copy === 0)
          expect(original).toBeGreaterThanOrEqual(0)
          expect(original).toBeLessThan(i)
          expect((out[original] as { event: unknown }).event).toBe(s.event)
          const inputEventsBetween = out.slice(original + 1, i).filter((o) => o.kind === 'event' && o.copy === 0).length
          expect(inputEventsBetween).toBeLessThanOrEqual(options.spread)
        })
      }),
      runs,
    )
  })

  test('rate 1 with 2 copies triples the stream, copies numbered 1 and 2; rate 0 changes nothing', () => {
    const events = [ev(0, 0), ev(1, 1), ev(2, 2)]
    const out = duplicate({ rate: 1, copies: 2, spread: 0 })(events, createRng(5))
    expect(tags(out)).toEqual(['e0#0', 'e0#1', 'e0#2', 'e1#0', 'e1#1', 'e1#2', 'e2#0', 'e2#1', 'e2#2'])
    expect(duplicate({ rate: 0 })(events, createRng(5))).toEqual(events)
  })

  test('copies of an id that already has copies get the next numbers', () => {
    const e = ev(0, 0)
    const out = duplicate({ rate: 1, spread: 0 })([e, { ...e, copy: 1 }], createRng(1))
    expect(tags(out)).toEqual(['e0#0', 'e0#2', 'e0#1', 'e0#3'])
  })

  test('about rate of the events get copies', () => {
    const events = Array.from({ length: 2000 }, (_, i) => ev(i, i))
    const copies = eventsOnly(duplicate({ rate: 0.1 })(events, createRng(11))).length - 2000
    expect(copies).toBeGreaterThan(150)
    expect(copies).toBeLessThan(250)
  })

  test('a fault stays right after the input event it followed, ahead of copies placed there', () => {
    const out = duplicate({ rate: 1, spread: 0 })([ev(0, 0), crash, ev(1, 1)], createRng(2))
    expect(out.map((s) => (s.kind === 'event' ? `${s.id}#${s.copy}` : s.fault))).toEqual(['e0#0', 'crash-sut', 'e0#1', 'e1#0', 'e1#1'])
  })

  test('rejects bad options', () => {
    expect(() => duplicate({ rate: 1.5 })).toThrow(InputError)
    expect(() => duplicate({ rate: 0.1, copies: 0 })).toThrow(/duplicate\.copies/)
    expect(() => duplicate({ rate: 0.1, spread: -1 })).toThrow(/duplicate\.spread/)
  })
})
