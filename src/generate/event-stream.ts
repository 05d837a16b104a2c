import fc from 'fast-check'
import type { StreamEvent } from '../stream/event.ts'
import { deriveStream, type DeriveConfig, type RawEvent } from './_internals/derive.ts'
import { markTable } from './_internals/marks.ts'
import { sizedArray } from './_internals/sized-array.ts'
import { avroToValueSchema } from './avro-schema.ts'
import { schemaValueArb, type ValueSchema } from './schema-value.ts'

/** Where values come from: a JSON Schema subset, an Avro record schema, or (TS) a function of the key. */
export type ValueSource =
  /** the value is the event's sequence number (0, 1, 2, ...; a duplicate repeats its original's) */
  | 'count'
  | { jsonSchema: ValueSchema }
  | { avro: unknown }
  | ((key: string) => fc.Arbitrary<unknown>)

export interface EventStreamArbOptions {
  /** the key domain: n keys `k0`..`k<n-1>`, or the keys themselves */
  keys: number | readonly string[]
  /** number of events (duplicates included): exactly n, or a range */
  events: number | { min: number; max: number }
  /** event-time span: clock positions are uniform in [0, spanMs] (sorted: arrival order), ms */
  spanMs: number
  /** event time of the clock's start, ms; default 0 */
  startTs?: number
  /** how far an event's time may lag its clock position (uniform in [0, disorderMs]); default 0 */
  disorderMs?: number
  /** fraction of events made late: placed `lateByMs` behind the largest event time so far; default 0 */
  lateRate?: number
  /** default: windowSizeMs + graceMs + 1 when windowSizeMs is given (late for every window), else disorderMs + 1 */
  lateByMs?: number
  /** window grid to aim boundary events at; without it there are no boundary events */
  windowSizeMs?: number
  /** hopping windows: distance between window starts; default windowSizeMs */
  windowAdvanceMs?: number
  /** grace of the windows, for the close / close-1 boundaries; default 0 */
  graceMs?: number
  /** fraction of events on a window boundary (start, end-1, end, end+grace-1, end+grace in equal parts); default 0.25 with windowSizeMs, else 0 */
  boundaryRate?: number
  /** session gap: a fraction of events lands exactly gap or gap + 1 after the previous event */
  sessionGapMs?: number
  /** default 0.25 with sessionGapMs, else 0 */
  gapRate?: number
  /** fraction of events that repeat an earlier event (same id); default 0 */
  duplicateRate?: number
  /** default `{ key, amount }` with amount an integer from 1 to 100 */
  value?: ValueSource
  /** ids are `${idPrefix}${n}`; default 'e' */
  idPrefix?: string
  /**
   * Once this returns true, shrinking offers no more candidates: fast-check's shrink loop ends at the
   * smallest failure so far instead of walking (cheaply, but through every remaining candidate) on.
   */
  stopShrinking?: () => boolean
  /** the fewest events shrinking may reach; default 0 (fast-check never drops an array's last item while minLength > 0) */
  shrinkMinEvents?: number
}


/**
 * Event streams in arrival order, for properties over a system that reads one topic. Every generated
 * stream — and every stream fast-check shrinks it to — is valid: integer times >= 0, keys from the
 * domain, ids unique except for duplicates, disorder within `disorderMs` (marked events aside).
 *
 * Each event has an absolute clock position (uniform over the span; arrival order is their order), not
 * a step from the previous event: dropping events does not move the others, so shrinking can drop
 * every event a failure does not need. It also pulls keys towards the first key, clock positions and
 * disorder towards 0, and marked events (boundary, late, duplicate) towards ordinary ones.
 */
export function eventStreamArb(opts: EventStreamArbOptions): fc.Arbitrary<StreamEvent[]> {
  const keys = typeof opts.keys === 'number' ? Array.from({ length: positiveInt(opts.keys, 'keys') }, (_, i) => `k${i}`) : [...opts.keys]
  if (keys.length === 0) throw new RangeError('keys: at least one key is needed')
  const len = typeof opts.events === 'number' ? { min: opts.events, max: opts.events } : opts.events
  if (!(Number.isInteger(len.min) && Number.isInteger(len.max) && len.min >= 0 && len.max >= len.min)) {
    throw new RangeError(`events: an integer >= 0, or { min, max } with 0 <= min <= max; got ${JSON.stringify(opts.events)}`)
  }
  const span = nonNegative(opts.spanMs, 'spanMs')
  const disorder = Math.round(nonNegative(opts.disorderMs ?? 0, 'disorderMs'))
  const grace = nonNegative(opts.graceMs ?? 0, 'graceMs')
  const window =
    opts.windowSizeMs !== undefined
      ? { size: positiveInt(opts.windowSizeMs, 'windowSizeMs'), advance: positiveInt(opts.windowAdvanceMs ?? opts.windowSizeMs, 'windowAdvanceMs'), grace }
      : undefined
  const markOf = markTable({
    boundary: opts.boundaryRate ?? (window ? 0.25 : 0),
    gap: opts.gapRate ?? (opts.sessionGapMs !== undefined ? 0.25 : 0),
    late: opts.lateRate ?? 0,
    duplicate: opts.duplicateRate ?? 0,
  })
  const value = opts.value
  const cfg: DeriveConfig = {
    keys,
    startTs: nonNegative(opts.startTs ?? 0, 'startTs'),
    markOf,
    lateByMs: opts.lateByMs ?? (window ? window.size + grace + 1 : disorder + 1),
    ...(window ? { window } : {}),
    ...(opts.sessionGapMs !== undefined ? { sessionGapMs: nonNegative(opts.sessionGapMs, 'sessionGapMs') } : {}),
    valueOf: value === undefined ? (key, amount) => ({ key, amount }) : value === 'count' ? (_key, _v, seq) => seq : (_key, v) => v,
    idPrefix: opts.idPrefix ?? 'e',
  }
  const rest = {
    at: fc.noBias(fc.integer({ min: 0, max: Math.round(span) })),
    back: fc.noBias(fc.integer({ min: 0, max: disorder })),
    roll: fc.noBias(fc.integer({ min: 0, max: 99_999 })),
    pick: fc.integer({ min: 0, max: 15 }),
  }
  const keyIndex = fc.noBias(fc.integer({ min: 0, max: keys.length - 1 }))
  let raw: fc.Arbitrary<RawEvent>
  if (typeof value === 'function') {
    raw = keyIndex.chain((k) => fc.record({ k: fc.constant(k), v: value(keys[k]!), ...rest }))
  } else {
    // the default value { key, amount } is built from an amount in deriveStream: no chain on the key
    const v =
      value === undefined
        ? fc.integer({ min: 1, max: 100 })
        : value === 'count'
          ? fc.constant(null)
          : schemaValueArb('avro' in value ? avroToValueSchema(value.avro) : value.jsonSchema)
    raw = fc.record({ k: keyIndex, v, ...rest })
  }
  const shrinkMin = Math.min(len.min, opts.shrinkMinEvents ?? 0)
  const sized = { ...len, shrinkMin, arrivalOrder, ...(opts.stopShrinking ? { stop: opts.stopShrinking } : {}) }
  return sizedArray(raw, sized).map((events) => deriveStream(events, cfg))
}

/** Raw events in arrival order (clock position, then array order), as deriveStream orders them. */
function arrivalOrder(raw: readonly RawEvent[]): RawEvent[] {
  return raw.map((r, i) => ({ r, i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map((x) => x.r)
}

function positiveInt(n: number, name: string): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`${name}: an integer >= 1 is needed, got ${n}`)
  return n
}

function nonNegative(n: number, name: string): number {
  if (!(Number.isFinite(n) && n >= 0)) throw new RangeError(`${name}: a number >= 0 is needed, got ${n}`)
  return n
}
