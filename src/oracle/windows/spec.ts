import type { ProduceOp } from '../../replay/plan.ts'
import { InputError } from '../../errors.ts'
import { checkPath } from '../correlate.ts'

/**
 * Which windows a record belongs to. Ends follow each engine's own convention, the one its output shows:
 * time windows `[start, start+size)` (end exclusive); Kafka Streams sliding `[start, start+difference]`
 * and session `[first ts, last ts]` (both inclusive); Flink session `[first ts, last ts + gap)`.
 */
export type WindowDef =
  | { type: 'tumbling'; size: number }
  | { type: 'hopping'; size: number; advance: number }
  /** Kafka Streams SlidingWindows (time difference); for Flink's sliding windows use `hopping`. */
  | { type: 'sliding'; difference: number }
  | { type: 'session'; gap: number }

export type AggregateName = 'count' | 'sum' | 'min' | 'max' | 'reduce'

/** A user aggregate for TS scenarios: fold events into an accumulator. */
export interface Reducer<A = unknown> {
  /** the initial accumulator, or a function that makes a fresh one */
  initial: A | (() => A)
  reduce: (acc: A, event: ProduceOp) => A
  /** combines two accumulators; required for session windows (Kafka Streams' session merger) */
  merge?: (a: A, b: A) => A
}

export interface FlinkOptions {
  /** BoundedOutOfOrdernessWatermarks delay `d`: watermark = maxTs - d - 1 */
  maxOutOfOrdernessMs: number
  allowedLatenessMs?: number
  /**
   * How the job emits watermarks. `periodic` (default, auto-watermark-interval > 0): a record may see
   * any earlier watermark, so lateness is a range. `punctuated`: a watermark after every record (exact
   * with one partition). `none`: interval 0, the watermark stays MIN until a bounded input ends.
   */
  watermarks?: 'periodic' | 'punctuated' | 'none'
  /** partitions of the input topic; an assigned partition with no records pins the watermark at MIN */
  partitions?: number
  /** bounded source: the end of input emits the MAX watermark and fires every window */
  bounded?: boolean
}

export interface WindowSpec {
  profile: 'kafka-streams' | 'flink'
  window: WindowDef
  /** Kafka Streams grace in ms (default 0) */
  grace?: number
  aggregate: AggregateName
  /** the input field that sum/min/max aggregate, e.g. `value.amount` */
  valuePath?: string
  // any: the accumulator type is the user's; the oracle only passes it back to their functions
  reducer?: Reducer<any>
  /**
   * `updates`: the last value per window is compared. `final`: one result per closed window
   * (Kafka Streams suppress(untilWindowCloses)). `on-window-close`: Kafka Streams
   * emitStrategy(onWindowClose()) with the emit interval set to 0.
   */
  emit: 'updates' | 'final' | 'on-window-close'
  flink?: FlinkOptions
}

/** Throws InputError when the spec cannot describe a real engine's windows. */
export function checkWindowSpec(spec: WindowSpec): void {
  const w = spec.window
  const bad = (path: string, expected: string, found: unknown): never => {
    throw new InputError('bad windows oracle spec', { path, expected, found: JSON.stringify(found) ?? String(found) })
  }
  const positive = (path: string, v: number): void => {
    if (!Number.isSafeInteger(v) || v <= 0) bad(path, 'a whole number of ms > 0', v)
  }
  if (w.type === 'tumbling') positive('window.size', w.size)
  if (w.type === 'hopping') {
    positive('window.size', w.size)
    positive('window.advance', w.advance)
    if (spec.profile === 'kafka-streams' && w.advance > w.size) bad('window.advance', `<= size (${w.size})`, w.advance)
  }
  if (w.type === 'sliding') {
    positive('window.difference', w.difference)
    if (spec.profile === 'flink') bad('window', 'hopping { size, advance } for Flink sliding windows', w)
  }
  if (w.type === 'session') positive('window.gap', w.gap)
  const grace = spec.grace ?? 0
  if (!Number.isSafeInteger(grace) || grace < 0) bad('grace', 'a whole number of ms >= 0', grace)
  if (spec.aggregate === 'reduce') {
    if (spec.reducer === undefined) bad('reducer', '{ initial, reduce } for aggregate: reduce', undefined)
    if (w.type === 'session' && spec.reducer?.merge === undefined)
      bad('reducer.merge', 'a merge function: session windows merge accumulators', undefined)
  } else if (spec.aggregate !== 'count') {
    if (spec.valuePath === undefined) bad('valuePath', `the input field to ${spec.aggregate}, e.g. value.amount`, undefined)
    else checkPath(spec.valuePath)
  }
  if (spec.profile === 'flink') {
    const f = spec.flink
    if (f === undefined) bad('flink', '{ maxOutOfOrdernessMs, allowedLatenessMs }', undefined)
    else {
      if (!Number.isSafeInteger(f.maxOutOfOrdernessMs) || f.maxOutOfOrdernessMs < 0)
        bad('flink.maxOutOfOrdernessMs', 'a whole number of ms >= 0', f.maxOutOfOrdernessMs)
      const al = f.allowedLatenessMs ?? 0
      if (!Number.isSafeInteger(al) || al < 0) bad('flink.allowedLatenessMs', 'a whole number of ms >= 0', al)
    }
  }
  if (spec.profile === 'flink' && spec.emit === 'on-window-close') bad('emit', "'updates' or 'final' for Flink", spec.emit)
}
