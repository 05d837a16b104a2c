import { z } from 'zod'
import { duration, fraction, percent } from './duration.ts'
import { exactlyOne, singleKey, strictObject } from './shape.ts'

const count = z.number().int().min(1)

/** Where a fault step goes: after a fraction of the plan, at a plan position, or chosen by the seed. */
const faultPoint = strictObject({
  /** '50%': after half of the produce operations */
  after: percent.optional(),
  /** after this many produce operations */
  at: z.number().int().min(0).optional(),
  /** the seed picks the position */
  seeded: z.literal(true).optional(),
}).superRefine(exactlyOne(['after', 'at', 'seeded']))

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
  'crash-sut': faultPoint,
  'restart-broker': faultPoint,
}

export const perturbSchema = singleKey('perturbation', perturbations)

export type PerturbSpec = z.output<typeof perturbSchema>
export type PerturbKind = PerturbSpec['kind']
