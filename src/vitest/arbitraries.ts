import fc from 'fast-check'
import type { EventInput } from './replay.ts'

export interface EventStreamOptions {
  /** distinct keys (k0, k1, ...); default 5 */
  keys?: number
  minEvents?: number
  /** default 50 */
  maxEvents?: number
  /** the value of each event; default { n: <integer> } */
  value?: fc.Arbitrary<unknown>
  /** event time of the first event; default 1_700_000_000_000 */
  start?: number
  /** largest gap between consecutive event times, ms; default 1000 */
  maxGapMs?: number
}

/** Streams of keyed events with increasing event times, for streamProperty. Shrinks to fewer, simpler events. */
export function eventStreams(options: EventStreamOptions = {}): fc.Arbitrary<EventInput[]> {
  const keys = options.keys ?? 5
  const value = options.value ?? fc.record({ n: fc.integer({ min: 0, max: 1000 }) })
  const event = fc.record({ k: fc.integer({ min: 0, max: keys - 1 }), value, gap: fc.integer({ min: 0, max: options.maxGapMs ?? 1000 }) })
  return fc.array(event, { minLength: options.minEvents ?? 0, maxLength: options.maxEvents ?? 50 }).map((items) => {
    let ts = options.start ?? 1_700_000_000_000
    return items.map(({ k, value: v, gap }) => {
      ts += gap
      return { key: `k${k}`, value: v, headers: {}, ts }
    })
  })
}
