import fc from 'fast-check'

export interface SizedArrayLength {
  /** generated length range */
  min: number
  max: number
  /** the shortest array shrinking may reach (<= min) */
  shrinkMin: number
  /** once it returns true, shrinking offers no more candidates (a budget that ends fast-check's shrink loop) */
  stop?: () => boolean
}

/**
 * An array generated with a length in [min, max] (exactly n when min = max) that shrinks like an array
 * of length [shrinkMin, max]. `fc.array({ minLength: n, maxLength: n })` never shrinks its length, and
 * `fc.array({ maxLength: n })` rarely generates n items; a property over "500 events" needs both.
 *
 * Both arrays are `fc.array` over the same item arbitrary, so the generated value's context is one the
 * shrinking array understands (the length context is unset, which fast-check treats as "not shrunk yet").
 */
class SizedArrayArbitrary<T> extends fc.Arbitrary<T[]> {
  constructor(
    private readonly generating: fc.Arbitrary<T[]>,
    private readonly shrinking: fc.Arbitrary<T[]>,
    private readonly stop: (() => boolean) | undefined,
  ) {
    super()
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T[]> {
    return this.generating.generate(mrng, biasFactor)
  }

  canShrinkWithoutContext(value: unknown): value is T[] {
    return this.shrinking.canShrinkWithoutContext(value)
  }

  shrink(value: T[], context: unknown): fc.Stream<fc.Value<T[]>> {
    const candidates = this.shrinking.shrink(value, context)
    const stop = this.stop
    return stop ? candidates.takeWhile(() => !stop()) : candidates
  }
}

export function sizedArray<T>(item: fc.Arbitrary<T>, len: SizedArrayLength): fc.Arbitrary<T[]> {
  const generating = fc.array(item, { minLength: len.min, maxLength: len.max, size: 'max' })
  const shrinking = fc.array(item, { minLength: len.shrinkMin, maxLength: len.max, size: 'max' })
  return new SizedArrayArbitrary(generating, shrinking, len.stop)
}
