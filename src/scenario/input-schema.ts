import { z } from 'zod'
import type { StreamEvent } from '../stream/event.ts'
import type { CollectedRecord } from '../collect/record.ts'
import { duration, fraction } from './duration.ts'
import { exactlyOne, strictObject } from './shape.ts'

export const ID_PATH = /^(key|value(\.[^.\s]+)*|headers\.[^.\s]+)$/
const ID_PATH_EXPECTED = "a path into the record: 'key', 'value', 'value.<field>[.<field>...]' or 'headers.<name>'"

/** Where an event's id lives: `value.orderId`, `key`, `headers.x`. */
export const idPath = z.string().regex(ID_PATH, ID_PATH_EXPECTED)

/** An event written inline in a scenario; same fields as a fixture line. */
export const inlineEventSchema = strictObject({
  key: z.string().nullable().default(null),
  value: z.unknown().transform((v) => (v === undefined ? null : v)),
  headers: z.record(z.string(), z.string()).default({}),
  ts: z.number().int().min(0),
  partition: z.number().int().min(0).optional(),
  id: z.string().min(1).optional(),
}).transform((e): StreamEvent => {
  const out: StreamEvent = { key: e.key, value: e.value, headers: e.headers, ts: e.ts }
  if (e.partition !== undefined) out.partition = e.partition
  if (e.id !== undefined) out.id = e.id
  return out
})

/** Generated input (fast-check); unknown options pass through to the generator. */
export const generateSchema = z.looseObject({
  /** number of distinct keys */
  keys: z.number().int().min(1),
  /** number of events */
  events: z.number().int().min(1),
  /** event-time span of the stream */
  span: duration,
  /** how far event times may go backwards */
  disorder: duration.optional(),
  /** fraction of events made late */
  late: fraction.optional(),
  /** number of generated streams to try */
  runs: z.number().int().min(1).optional(),
  /** at most this many shrink runs after a failure (`--shrink-budget` wins) */
  shrinkBudget: z.number().int().min(0).optional(),
  /** event time of the first event, ms */
  start: z.number().int().min(0).optional(),
})

/** An id path, or (TS scenarios) a function that returns the id. */
function idPathOr<F extends (...args: never[]) => unknown>() {
  return z.custom<string | F>((v) => typeof v === 'function' || (typeof v === 'string' && ID_PATH.test(v)), {
    error: `${ID_PATH_EXPECTED}, or a function in a TS scenario`,
  })
}

export const inputSchema = strictObject({
  topic: z.string().min(1),
  fixture: z.string().min(1).optional(),
  events: z.array(inlineEventSchema).optional(),
  generate: generateSchema.optional(),
  /** event id path, or (TS) a function of the event */
  id: idPathOr<(e: StreamEvent) => string>().optional(),
}).superRefine(exactlyOne(['fixture', 'events', 'generate']))

export type InputSpec = z.output<typeof inputSchema>

export const outputSchema = strictObject({
  topic: z.string().min(1),
  /** how an output record names the input it came from; (TS) or a function of the record */
  id: idPathOr<(r: CollectedRecord) => string | undefined>().default('headers.st-id'),
})

export type OutputSpec = z.output<typeof outputSchema>
