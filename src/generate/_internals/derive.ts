import type { StreamEvent } from '../../stream/event.ts'
import type { Mark } from './marks.ts'

/**
 * One generated event before it becomes a stream event. Any array of raw events — in particular any
 * sub-array fast-check shrinks to — derives a valid stream; removing an event does not move the others.
 */
export interface RawEvent {
  /** index into the key domain */
  k: number
  /** its position on the stream's clock (ms after the start): arrival order is the order of `at` */
  at: number
  /** disorder: how far behind its clock position its event time is, ms */
  back: number
  /** the mark roll (see marks.ts) */
  roll: number
  /** dup: which earlier event to copy, counted back from the latest */
  pick: number
  /** the generated value (unused when values are sequence numbers) */
  v: unknown
}

export interface DeriveConfig {
  keys: readonly string[]
  startTs: number
  markOf: (roll: number) => Mark
  /** ms behind the stream's maximum event time so far for a late event */
  lateByMs: number
  /** window grid for boundary marks; boundary marks are ordinary events without it */
  window?: { size: number; advance: number; grace: number }
  sessionGapMs?: number
  /** the event's value from its key, the raw generated value and its sequence number */
  valueOf: (key: string, v: unknown, seq: number) => unknown
  idPrefix: string
}

/**
 * Raw events -> stream events in arrival order. Arrival order is the order of the clock positions
 * `at` (ties: array order); an event's time is `startTs + at - back`, then adjusted by its mark, never
 * below 0. A gap mark that lands after its clock position pushes every later event's clock back by
 * the difference, so gaps stay exact without making later events late. Event n (duplicates not
 * counted) gets id `${idPrefix}${n}`; a duplicate repeats an earlier event exactly (same id, key,
 * value and time).
 */
export function deriveStream(raw: readonly RawEvent[], cfg: DeriveConfig): StreamEvent[] {
  const order = raw.map((_, i) => i).sort((a, b) => raw[a]!.at - raw[b]!.at || a - b)
  const out: StreamEvent[] = []
  let shift = 0
  let maxTs = -1
  let lastTs = -1
  let seq = 0
  for (const i of order) {
    const r = raw[i]!
    const mark = cfg.markOf(r.roll)
    if (mark === 'dup' && out.length > 0) {
      const original = out[out.length - 1 - (r.pick % out.length)]!
      out.push({ ...original, headers: { ...original.headers } })
      continue
    }
    const clock = cfg.startTs + r.at + shift
    let ts = clock - r.back
    if (mark === 'late' && maxTs >= 0) ts = maxTs - cfg.lateByMs
    else if ((mark === 'gap' || mark === 'gap+1') && cfg.sessionGapMs !== undefined && lastTs >= 0) {
      ts = lastTs + cfg.sessionGapMs + (mark === 'gap+1' ? 1 : 0)
      shift += Math.max(0, ts - clock)
    } else if (cfg.window) ts = snapToBoundary(Math.max(0, ts), mark, cfg.window)
    ts = Math.max(0, Math.round(ts))
    const key = cfg.keys[r.k % cfg.keys.length]!
    const value = cfg.valueOf(key, r.v, seq)
    out.push({ key, value, headers: {}, ts, id: `${cfg.idPrefix}${seq}` })
    seq++
    maxTs = Math.max(maxTs, ts)
    lastTs = ts
  }
  return out
}

/**
 * Windows start at multiples of `advance` and last `size` ms. start / end-1 / end are taken on the
 * window that starts at or just before `ts`; close-1 / close on the latest window whose close time
 * (end + grace) is at or before `ts` (the earliest window when none is), so snapping moves an event
 * by less than one window.
 */
export function snapToBoundary(ts: number, mark: Mark, w: { size: number; advance: number; grace: number }): number {
  const start = Math.floor(ts / w.advance) * w.advance
  switch (mark) {
    case 'start':
      return start
    case 'end-1':
      return start + w.size - 1
    case 'end':
      return start + w.size
    case 'close-1':
    case 'close': {
      const closing = Math.max(0, Math.floor((ts - w.grace - w.size) / w.advance) * w.advance)
      return closing + w.size + w.grace - (mark === 'close-1' ? 1 : 0)
    }
    default:
      return ts
  }
}
