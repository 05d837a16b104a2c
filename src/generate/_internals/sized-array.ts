import fc from 'fast-check'

export interface SizedArrayLength<T = unknown> {
  /** generated length range */
  min: number
  max: number
  /** the shortest array shrinking may reach (<= min) */
  shrinkMin: number
  /** once it returns true, shrinking offers no more candidates (a budget that ends fast-check's shrink loop) */
  stop?: () => boolean
  /**
   * The items in arrival order. With it, shrinking a generated array first binary-searches the shortest
   * failing prefix in arrival order (about log2(n) candidates) before fast-check's own candidates, which
   * keep suffixes and remove one item at a time: a stream failure usually needs the events up to
   * the failing one, and a budget of a few runs finds them this way.
   */
  arrivalOrder?: (items: readonly T[]) => T[]
}

/** Marks a freshly generated array: its shrinking starts with the prefix search. */
class Generated {
  readonly inner: unknown
  constructor(inner: unknown) {
    this.inner = inner
  }
}

/** A prefix candidate: the prefix of this length of the same array is known to pass. */
class Prefix {
  readonly passing: number
  constructor(passing: number) {
    this.passing = passing
  }
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
  private readonly generating: fc.Arbitrary<T[]>
  private readonly shrinking: fc.Arbitrary<T[]>
  private readonly stop: (() => boolean) | undefined
  private readonly arrivalOrder: ((items: readonly T[]) => T[]) | undefined
  private readonly shrinkMin: number

  constructor(
    generating: fc.Arbitrary<T[]>,
    shrinking: fc.Arbitrary<T[]>,
    stop: (() => boolean) | undefined,
    arrivalOrder: ((items: readonly T[]) => T[]) | undefined,
    shrinkMin: number,
  ) {
    super()
    this.generating = generating
    this.shrinking = shrinking
    this.stop = stop
    this.arrivalOrder = arrivalOrder
    this.shrinkMin = shrinkMin
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T[]> {
    const v = this.generating.generate(mrng, biasFactor)
    return this.arrivalOrder ? new fc.Value(v.value_, new Generated(v.context)) : v
  }

  canShrinkWithoutContext(value: unknown): value is T[] {
    return this.shrinking.canShrinkWithoutContext(value)
  }

  shrink(value: T[], context: unknown): fc.Stream<fc.Value<T[]>> {
    let candidates: fc.Stream<fc.Value<T[]>>
    if (context instanceof Generated || context instanceof Prefix) {
      const passing = context instanceof Prefix ? context.passing : Math.max(0, this.shrinkMin - 1)
      const inner = context instanceof Generated ? context.inner : undefined
      candidates = new fc.Stream(this.prefixes(value, passing)).join(this.shrinking.shrink(value, inner))
    } else candidates = this.shrinking.shrink(value, context)
    const stop = this.stop
    return stop ? candidates.takeWhile(() => !stop()) : candidates
  }

  /**
   * Binary search for the shortest failing prefix: fast-check asks for the next candidate only when the
   * previous one passed, so each candidate halves the distance between the longest prefix known to
   * pass and the whole array; a failing candidate carries the last passing length into its own search.
   */
  private *prefixes(value: T[], passing: number): Generator<fc.Value<T[]>> {
    const ordered = this.arrivalOrder!(value)
    let low = passing
    for (;;) {
      const mid = Math.floor((low + ordered.length) / 2)
      if (mid <= low || mid >= ordered.length) return
      yield new fc.Value(ordered.slice(0, mid), new Prefix(low))
      low = mid
    }
  }
}

export function sizedArray<T>(item: fc.Arbitrary<T>, len: SizedArrayLength<T>): fc.Arbitrary<T[]> {
  const generating = fc.array(item, { minLength: len.min, maxLength: len.max, size: 'max' })
  const shrinking = fc.array(item, { minLength: len.shrinkMin, maxLength: len.max, size: 'max' })
  return new SizedArrayArbitrary(generating, shrinking, len.stop, len.arrivalOrder, len.shrinkMin)
}
