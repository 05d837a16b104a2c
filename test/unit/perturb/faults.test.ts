import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { crashSut, restartBroker } from '../../../src/perturb/faults.ts'
import { createRng } from '../../../src/perturb/rng.ts'
import type { Step } from '../../../src/perturb/step.ts'
import { crash, ev, faultPositions, frozen } from './steps.ts'

const stream = (n: number): Step[] => Array.from({ length: n }, (_, i) => ev(i, i))
const shape = (steps: readonly Step[]) => steps.map((s) => (s.kind === 'event' ? s.id : s.fault))

describe('crash-sut and restart-broker', () => {
  test('at N goes after exactly N events', () => {
    expect(shape(crashSut({ at: 2 })(stream(4), createRng(0)))).toEqual(['e0', 'e1', 'crash-sut', 'e2', 'e3'])
    expect(shape(crashSut({ at: 0 })(stream(2), createRng(0)))).toEqual(['crash-sut', 'e0', 'e1'])
    expect(shape(restartBroker({ at: 2 })(stream(2), createRng(0)))).toEqual(['e0', 'e1', 'restart-broker'])
  })

  test('after a fraction goes after floor(fraction * events) events', () => {
    expect(faultPositions(crashSut({ after: 0.5 })(stream(7), createRng(0)))).toEqual([3])
    expect(faultPositions(crashSut({ after: 0.29 })(stream(100), createRng(0)))).toEqual([29])
    expect(faultPositions(crashSut({ after: 1 })(stream(5), createRng(0)))).toEqual([5])
    expect(faultPositions(crashSut({ after: 0 })(stream(5), createRng(0)))).toEqual([0])
  })

  test('goes behind a fault already at that place', () => {
    const out = restartBroker({ at: 1 })([ev(0, 0), crash, ev(1, 1)], createRng(0))
    expect(shape(out)).toEqual(['e0', 'crash-sut', 'restart-broker', 'e1'])
  })

  test('seeded (the default) lands in [1, n-1], the same for the same seed, and varies with the seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer(), (n, seed) => {
        const steps = frozen(stream(n))
        const [k] = faultPositions(crashSut({ seeded: true })(steps, createRng(seed)))
        expect(k).toBeGreaterThanOrEqual(1)
        expect(k).toBeLessThanOrEqual(n - 1)
        expect(faultPositions(crashSut()(steps, createRng(seed)))).toEqual([k])
      }),
      { numRuns: 100 },
    )
    const spots = new Set(Array.from({ length: 30 }, (_, s) => faultPositions(crashSut()(stream(20), createRng(s)))[0]))
    expect(spots.size).toBeGreaterThan(5)
    expect(faultPositions(crashSut()(stream(1), createRng(0)))).toEqual([1])
  })

  test('bad positions are input errors', () => {
    expect(() => crashSut({ at: 5 })(stream(4), createRng(0))).toThrow(/expected at most 4/)
    expect(() => crashSut({ at: 1, after: 0.5 })).toThrow(/one of at, after, seeded; found at and after/)
    expect(() => crashSut({ after: 1.5 })).toThrow(InputError)
    expect(() => restartBroker({ at: -1 })).toThrow(/restart-broker\.at/)
  })
})
