import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createRng, deriveRng, deriveSeed, randomSeed } from '../../../src/perturb/rng.ts'

const draw = (seed: number, n = 5) => {
  const rng = createRng(seed)
  return Array.from({ length: n }, () => rng.next())
}

describe('createRng', () => {
  test('the same seed gives the same sequence; another seed another one', () => {
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
  })

  test('next is in [0, 1) and int is within [min, max], hitting both ends', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 4 }), (seed, min, span) => {
        const rng = createRng(seed)
        const seen = new Set<number>()
        let bad = 0
        for (let i = 0; i < 200; i++) {
          const x = rng.next()
          const n = rng.int(min, min + span)
          if (!(x >= 0 && x < 1 && Number.isInteger(n) && n >= min && n <= min + span)) bad++
          seen.add(n)
        }
        expect(bad).toBe(0)
        expect(seen.size).toBe(span + 1)
      }),
      { numRuns: 100 },
    )
  })

  test('int rejects an empty range', () => {
    expect(() => createRng(1).int(3, 2)).toThrow(RangeError)
  })

  test('is roughly uniform', () => {
    const rng = createRng(7)
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(rng.next() * 10)]++
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500)
  })
})

describe('deriveSeed / deriveRng', () => {
  test('is stable per (seed, label) and differs across labels and seeds', () => {
    expect(deriveSeed(1, 'input:0')).toBe(deriveSeed(1, 'input:0'))
    const seeds = new Set([deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(1, 'input:0'), deriveSeed(2, 0), deriveSeed(1, '0x')])
    expect(seeds.size).toBe(5)
    expect(deriveRng(9, 'a').next()).toBe(createRng(deriveSeed(9, 'a')).next())
  })

  test('derived seeds are 32-bit unsigned integers', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, label) => {
        const s = deriveSeed(seed, label)
        expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true)
      }),
      { numRuns: 100 },
    )
  })
})

test('randomSeed gives 32-bit unsigned integers', () => {
  const s = randomSeed()
  expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true)
})
