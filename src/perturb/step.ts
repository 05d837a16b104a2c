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

/** The fault steps a plan can carry (DESIGN.md section 10). */
export type FaultKind = 'crash-sut' | 'pause-sut' | 'scale-sut' | 'restart-broker'

/**
 * Where, after event N was acknowledged, a SUT fault lands: at the first observable effect of event N
 * (its output visible read_uncommitted, or its offset committed), at one of the two, or after a seeded
 * delay (a timing sample).
 */
export type Placement = 'first-effect' | 'output-visible' | 'offset-committed' | 'random'

/** A fault step's options, as plain data (the plan is JSON). */
export interface FaultParams {
  /** which SUT instance (0-based); absent: chosen at run time from the plan's seed */
  instance?: number
  /** crash-sut / pause-sut: when the step fires after its event (default first-effect) */
  on?: Placement
  /** pause-sut: how long the instance stays stopped, ms */
  forMs?: number
  /** crash-sut / pause-sut: remove the instance's group members at once (crash default true, pause default false) */
  evict?: boolean
  /** scale-sut: the number of instances after the step */
  to?: number
}

/** A fault placed between produce operations. */
export interface FaultStep {
  kind: 'fault'
  fault: FaultKind
  params?: FaultParams
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
