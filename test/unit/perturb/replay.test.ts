import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { replay } from '../../../src/perturb/replay.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import { arbSteps, crash, ev, eventsOnly, frozen } from './steps.ts'

describe('replay', () => {
  test('sends the whole stream again, numbered copies, faults in the first pass only', () => {
    const out = replay({ times: 2 })([ev(0, 0), crash, ev(1, 1)], createRng(0))
    expect(out.map((s) => (s.kind === 'event' ? `${s.id}#${s.copy}` : s.fault))).toEqual([
      'e0#0', 'crash-sut', 'e1#0', 'e0#1', 'e1#1', 'e0#2', 'e1#2',
    ])
    expect(replay()([ev(0, 0)], createRng(0)).length).toBe(2)
  })

  test('copy numbers stay unique when the input already has copies', () => {
    const e = ev(0, 0)
    const out = replay()([e, { ...e, copy: 1 }], createRng(0))
    expect(eventsOnly(out).map((s) => s.copy)).toEqual([0, 1, 2, 3])
  })

  test('keeps the originals first and only adds copies of existing ids; deterministic', () => {
    fc.assert(
      fc.property(arbSteps(), fc.integer({ min: 1, max: 3 }), (steps, times) => {
        const out = replay({ times })(frozen(steps), createRng(0))
        expect(JSON.stringify(out)).toBe(JSON.stringify(replay({ times })(steps, createRng(9))))
        expect(out.slice(0, steps.length)).toEqual(steps)
        const input = eventsOnly(steps)
        const added = eventsOnly(out.slice(steps.length))
        expect(added.length).toBe(times * input.length)
        expect(added.map((s) => s.id)).toEqual(Array.from({ length: times }, () => input.map((s) => s.id)).flat())
        expect(new Set(eventsOnly(out).map((s) => `${s.id}#${s.copy}`)).size).toBe(eventsOnly(out).length)
      }),
      { numRuns: 100 },
    )
  })

  test('rejects bad options', () => {
    expect(() => replay({ times: 0 })).toThrow(InputError)
  })
})
