import { z } from 'zod'
import type { StreamEvent } from '../stream/event.ts'
import { duration } from './duration.ts'
import { idPath } from './input-schema.ts'
import { exactlyOne, singleKey, strictObject } from './shape.ts'

const sqlQuery = strictObject({
  url: z.string().min(1),
  query: z.string().min(1),
  /** SQL run once the state is read, e.g. `drop table if exists sink_{{runId}}`, so runs leave nothing behind */
  cleanup: z.string().min(1).optional(),
})

/** Expected outputs per input event: a count (0 for filtered events) or (TS) a function of the event. */
const expectedEffects = z.custom<number | ((e: StreamEvent) => number)>(
  (v) => typeof v === 'function' || (typeof v === 'number' && Number.isInteger(v) && v >= 0),
  { error: 'the number of outputs per input (an integer >= 0), or a function of the event in a TS scenario' },
)

const windowShape = strictObject({
  tumbling: duration.optional(),
  hopping: strictObject({ size: duration, advance: duration }).optional(),
  session: strictObject({ gap: duration }).optional(),
  sliding: strictObject({ difference: duration }).optional(),
  /** how long after the window end late records are still counted */
  grace: duration.default(0),
}).superRefine(exactlyOne(['tumbling', 'hopping', 'session', 'sliding']))

/** The window as a scenario states it, grace included (tumbling: advance = size); the oracle's is WindowSpec. */
export type ScenarioWindow =
  | { type: 'tumbling' | 'hopping'; size: number; advance: number; grace: number }
  | { type: 'session'; gap: number; grace: number }
  | { type: 'sliding'; difference: number; grace: number }

const windowSchema = windowShape.transform((w): ScenarioWindow => {
  if (w.tumbling !== undefined) return { type: 'tumbling', size: w.tumbling, advance: w.tumbling, grace: w.grace }
  if (w.hopping !== undefined) return { type: 'hopping', ...w.hopping, grace: w.grace }
  if (w.session !== undefined) return { type: 'session', gap: w.session.gap, grace: w.grace }
  return { type: 'sliding', difference: (w.sliding as { difference: number }).difference, grace: w.grace }
})

/**
 * The oracles a scenario may list, by name; each parses to `{ kind: name, ...options }`. Option objects
 * are loose: fields a later oracle needs pass through untouched. An unknown oracle name is an error.
 * Only oracles that runner/judge.ts can judge are listed (its table is typed complete over these names):
 * a scenario cannot name one that would fail only after its whole run. DESIGN.md's `model` and `sql`
 * (rows of a sink against expected rows) come back with their judges.
 */
export const oracles = {
  'exactly-once': z.looseObject({
    output: z.string().min(1),
    /** output id path; default: the output's `id` */
    id: idPath.optional(),
    /** also check that per-key output order follows per-key input order */
    reordered: z.boolean().default(false),
    expect: expectedEffects.optional(),
    /** at-least-once: duplicates are allowed (noted), loss is still a violation */
    guarantee: z.enum(['exactly-once', 'at-least-once']).default('exactly-once'),
  }),
  idempotency: z.looseObject({
    output: z.string().min(1).optional(),
    compare: z.union([z.literal('last-value-per-key'), strictObject({ sql: sqlQuery })], {
      error: "'last-value-per-key' or { sql: { url, query } }",
    }),
  }),
  windows: z
    .looseObject({
      output: z.string().min(1),
      /** the input topic whose events make the windows; default every input (one stream of windows) */
      input: z.string().min(1).optional(),
      profile: z.enum(['kafka-streams', 'flink']),
      window: windowSchema,
      aggregate: z.enum(['count', 'sum', 'min', 'max']),
      /** the input field that sum/min/max aggregate */
      value: idPath.optional(),
      emit: z.enum(['updates', 'final', 'on-window-close']),
      /** flink: bounded out-of-orderness of the watermark */
      delay: duration.default(0),
      /** where the window key, start, end and result are in an output record */
      map: strictObject({ key: idPath, start: idPath, end: idPath, value: idPath }),
    })
    .superRefine((w, ctx) => {
      if (w.aggregate !== 'count' && w.value === undefined)
        ctx.addIssue({ code: 'custom', path: ['value'], message: `the input field to ${w.aggregate}, e.g. value: value.amount` })
    }),
}

export const oracleSchema = singleKey('oracle', oracles)

export type OracleSpec = z.output<typeof oracleSchema>
export type OracleKind = OracleSpec['kind']
