import { InputError } from '../errors.ts'

/** `max`: as fast as the broker takes it; `realtime`: event-time gaps as wall-clock gaps; `x10`: ten times faster. */
export type Pace = { kind: 'max' } | { kind: 'scaled'; factor: number }

export function parsePace(text: string): Pace {
  if (text === 'max') return { kind: 'max' }
  if (text === 'realtime') return { kind: 'scaled', factor: 1 }
  const m = /^x(\d+(?:\.\d+)?)$/.exec(text)
  if (m && Number(m[1]) > 0) return { kind: 'scaled', factor: Number(m[1]) }
  throw new InputError(`bad pace "${text}"`, { expected: 'max, realtime or x<factor> such as x10' })
}

/**
 * When (ms after the start) the op with event time `ts` is due, given the first event time. Pacing is a
 * schedule, not a wait on a condition: the replay engine holds back sends until they are due.
 */
export function dueAt(pace: Pace, ts: number, firstTs: number): number {
  return pace.kind === 'max' ? 0 : Math.max(0, (ts - firstTs) / pace.factor)
}
