import fc from 'fast-check'
import type { EventStep, FaultStep, Step } from '../../../src/perturb/step.ts'

/** Test helpers: event steps with unique ids `e0`, `e1`, ... */
export function ev(i: number, ts: number, key: string | null = 'k'): EventStep {
  return { kind: 'event', event: { key, value: { i }, headers: {}, ts }, id: `e${i}`, copy: 0 }
}

export const crash: FaultStep = { kind: 'fault', fault: 'crash-sut' }

export const eventsOnly = (steps: readonly Step[]): EventStep[] => steps.filter((s): s is EventStep => s.kind === 'event')

/** `id#copy` for each event step, in order. */
export const tags = (steps: readonly Step[]): string[] => eventsOnly(steps).map((s) => `${s.id}#${s.copy}`)

export const sortedTags = (steps: readonly Step[]): string[] => tags(steps).sort()

/** Streams of event steps in any ts order (keys from a small set, some null). */
export const arbEvents = (opts: { maxLength?: number; maxTs?: number } = {}): fc.Arbitrary<EventStep[]> =>
  fc
    .array(
      fc.record({ ts: fc.integer({ min: 0, max: opts.maxTs ?? 20_000 }), key: fc.constantFrom('a', 'b', 'c', null) }),
      { maxLength: opts.maxLength ?? 60 },
    )
    .map((xs) => xs.map((x, i) => ev(i, x.ts, x.key)))

export const arbSortedEvents = (opts: { maxLength?: number; maxTs?: number } = {}): fc.Arbitrary<EventStep[]> =>
  arbEvents(opts).map((xs) =>
    xs
      .map((x) => x.event.ts)
      .sort((a, b) => a - b)
      .map((ts, i) => ev(i, ts, xs[i]!.event.key)),
  )

/** Events with crash-sut steps sprinkled in. */
export const arbSteps = (opts: { maxLength?: number; maxTs?: number } = {}): fc.Arbitrary<Step[]> =>
  fc.tuple(arbEvents(opts), fc.array(fc.nat(), { maxLength: 3 })).map(([events, at]) => {
    const out: Step[] = events.slice()
    for (const a of at) out.splice(a % (out.length + 1), 0, crash)
    return out
  })

/** For each fault in order: how many events came before it. */
export const faultPositions = (steps: readonly Step[]): number[] => {
  const out: number[] = []
  let n = 0
  for (const s of steps) {
    if (s.kind === 'event') n++
    else out.push(n)
  }
  return out
}

/** Deep-freezes steps so that a perturbation that mutates its input throws. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v)
    Object.freeze(value)
  }
  return value
}
