import type { StreamEvent } from '../stream/event.ts'

/** An event on its way through the perturbations, with the identity the oracles count by. */
export interface EventStep {
  kind: 'event'
  event: StreamEvent
  /** event id; duplicates share it */
  id: string
  /** 0 for the original, 1.. for copies made by `duplicate` or `replay` */
  copy: number
  /** set by `late` when the event was moved behind the stream */
  late?: true
}

/** A fault placed between produce operations. */
export interface FaultStep {
  kind: 'fault'
  fault: 'crash-sut' | 'restart-broker'
}

export type Step = EventStep | FaultStep

/** A seeded source of randomness; perturbations take one and never use Math.random. */
export interface Rng {
  /** uniform float in [0, 1) */
  next(): number
  /** uniform integer in [min, max] (inclusive) */
  int(min: number, max: number): number
}

/** A pure transform of a stream: same steps + same rng state = same result. */
export type Perturbation = (steps: readonly Step[], rng: Rng) => Step[]
