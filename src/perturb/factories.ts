// Perturbations as users write them in TS: `reorder({ within: '5s' })` is the scenario entry
// `{ reorder: { within: '5s' } }`. Pure values; the scenario schema validates them.
import type { BurstOptions } from './burst.ts'
import type { DuplicateOptions } from './duplicate.ts'
import type { ReplayTimesOptions } from './replay.ts'

export type { BurstOptions, DuplicateOptions, ReplayTimesOptions }

/** `'300ms'`, `'5s'`, `'10m'`, or a number of milliseconds. */
export type Duration = string | number
/** `'50%'`, or a fraction from 0 to 1. */
export type Fraction = string | number

export interface ReorderOptions {
  /** shuffle events whose event times are within this duration of each other */
  within?: Duration
  /** or: move each event by at most this many positions */
  positions?: number
}
export interface LateOptions {
  rate: number
  by: Duration
}
/** Exactly one of these; none = a position chosen by the seed. */
export interface FaultPointOptions {
  after?: Fraction
  at?: number
  seeded?: true
}

/**
 * A perturbation as a scenario lists it (`{ reorder: { within: '5s' } }`): the same value works in
 * `defineScenario({ perturb: [...] })` and in the vitest `replay(..., { perturb: [...] })`.
 */
export type Perturb =
  | { reorder: ReorderOptions }
  | { duplicate: DuplicateOptions }
  | { late: LateOptions }
  | { burst: BurstOptions }
  | { replay: ReplayTimesOptions }
  | { 'crash-sut': { after?: string; at?: number; seeded?: true } }
  | { 'restart-broker': { after?: string; at?: number; seeded?: true } }

export const reorder = (o: ReorderOptions): Perturb => ({ reorder: o })
export const duplicate = (o: DuplicateOptions): Perturb => ({ duplicate: o })
export const late = (o: LateOptions): Perturb => ({ late: o })
export const burst = (o: BurstOptions): Perturb => ({ burst: o })
/** the whole stream again, `times` more times (default 1) */
export const replay = (o: ReplayTimesOptions = {}): Perturb => ({ replay: o })
/** SIGKILL the SUT at a point in the plan, then restart it */
export const crashSut = (o: FaultPointOptions = { seeded: true }): Perturb => ({ 'crash-sut': faultPoint(o) })
export const restartBroker = (o: FaultPointOptions = { seeded: true }): Perturb => ({ 'restart-broker': faultPoint(o) })

function faultPoint(o: FaultPointOptions): { after?: string; at?: number; seeded?: true } {
  const { after, ...rest } = o
  if (after === undefined) return rest
  return { ...rest, after: typeof after === 'number' ? `${after * 100}%` : after }
}
