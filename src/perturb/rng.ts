import { randomInt } from 'node:crypto'
import type { Rng } from './step.ts'

/**
 * Seeded randomness for perturbations: sfc32 (small fast counter generator, passes PractRand),
 * with its 128-bit state expanded from the 32-bit seed by splitmix32. Seeds are taken modulo 2^32.
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`)
  const expand = splitmix32(Math.trunc(seed) >>> 0)
  let a = expand()
  let b = expand()
  let c = expand()
  let d = expand()
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 12; i++) next32()
  return {
    next: () => next32() / 4294967296,
    int(min: number, max: number): number {
      if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
        throw new RangeError(`rng.int needs integers min <= max, got [${min}, ${max}]`)
      }
      return min + Math.floor((next32() / 4294967296) * (max - min + 1))
    },
  }
}

/**
 * A seed for an independent stream: the same (seed, label) always gives the same derived seed, and
 * different labels give unrelated streams (FNV-1a over the label, finished with murmur3's fmix32).
 */
export function deriveSeed(seed: number, label: string | number): number {
  let h = fmix32((Math.trunc(seed) >>> 0) ^ 0x811c9dc5)
  const text = String(label)
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return fmix32(h ^ text.length) >>> 0
}

export function deriveRng(seed: number, label: string | number): Rng {
  return createRng(deriveSeed(seed, label))
}

/** A fresh 32-bit seed for a run that was not given one; the only non-deterministic source here. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32)
}

function splitmix32(state: number): () => number {
  let s = state
  return () => {
    s = (s + 0x9e3779b9) | 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

function fmix32(input: number): number {
  let h = input
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}
