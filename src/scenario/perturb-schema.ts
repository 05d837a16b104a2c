import { z } from 'zod'
import { duration, fraction, percent } from './duration.ts'
import { exactlyOne, singleKey, strictObject } from './shape.ts'
import { PLACEMENTS, type Placement } from '../perturb/index.ts'

const count = z.number().int().min(1)

/** Where a fault step goes: after a fraction of the plan, at a plan position, or chosen by the seed. */
const point = {
  /** '50%': after half of the produce operations */
  after: percent.optional(),
  /** after this many produce operations */
  at: z.number().int().min(0).optional(),
  /** the seed picks the position */
  seeded: z.literal(true).optional(),
}
const onePoint = exactlyOne<{ after?: unknown; at?: unknown; seeded?: unknown }>(['after', 'at', 'seeded'])
const faultPoint = strictObject(point).superRefine(onePoint)

/** Which SUT instance a step hits and when, after its event, it fires. */
const instanceFault = {
  ...point,
  /** 0-based; default: chosen by the seed among the running instances */
  instance: z.number().int().min(0).optional(),
  /** first-effect (default): the event's output visible or its offset committed, whichever comes first */
  on: z.enum(PLACEMENTS as [Placement, ...Placement[]]).optional(),
  /** remove the instance's consumer-group members at once instead of waiting for their session timeout */
  evict: z.boolean().optional(),
}

/** The perturbations a scenario may list, by name; each parses to `{ kind: name, ...options }`. */
export const perturbations = {
  reorder: strictObject({
    /** shuffle events whose event times are within this duration of each other */
    within: duration.optional(),
    /** move each event by at most this many positions */
    positions: count.optional(),
  }).superRefine(exactlyOne(['within', 'positions'])),
  duplicate: strictObject({
    rate: fraction,
    copies: count.default(1),
    /** a copy lands up to this many positions after its original */
    spread: z.number().int().min(0).default(10),
  }),
  late: strictObject({
    rate: fraction,
    /** how far behind the stream's event time a late event arrives */
    by: duration,
  }),
  burst: strictObject({
    size: count,
    every: count.optional(),
  }),
  replay: strictObject({
    times: count.default(1),
  }),
  'crash-sut': strictObject(instanceFault).superRefine(onePoint),
  /** SIGSTOP, then SIGCONT after `for`; with `evict: true` the instance wakes as a zombie */
  'pause-sut': strictObject({ ...instanceFault, for: duration.refine((ms) => ms > 0, { error: 'a duration > 0' }) }).superRefine(onePoint),
  /** start or gracefully stop instances so that `to` run after the step */
  'scale-sut': strictObject({ ...point, to: count }).superRefine(onePoint),
  'restart-broker': faultPoint,
}

export const perturbSchema = singleKey('perturbation', perturbations)

export type PerturbSpec = z.output<typeof perturbSchema>
export type PerturbKind = PerturbSpec['kind']
