import type { ProduceOp } from '../../replay/plan.ts'
import type { Note } from '../violation.ts'
import type { WindowSpec } from './spec.ts'
import type { WindowIndex } from './window-index.ts'

/** One window a correct engine computes, with the records that made it. */
export interface ExpectedWindow {
  key: string
  start: number
  end: number
  /** the final aggregate: the last update (emit updates) or the one result (emit final) */
  value: unknown
  /** records counted, in the order the engine applied them */
  members: ProduceOp[]
  /** records that fell into this window but that the engine must drop as late */
  dropped: ProduceOp[]
  /** members kept only thanks to grace / allowed lateness: with 0 they would have been dropped */
  graceMembers: ProduceOp[]
  /** input partition whose task computed it (Kafka Streams) */
  partition?: number
  /**
   * Kafka Streams emit final: the window was updated (or absorbed) after it had closed, at the
   * `streamTime == end + grace` boundary, so more than one "final" result may appear (unverified).
   */
  boundary?: true
}

/** A record that the engine drops (certain) or may drop, depending on watermark timing (Flink). */
export interface LateRecord {
  op: ProduceOp
  /** the windows it is dropped from (a hopping or sliding record can be dropped from some only) */
  windows: { start: number; end: number }[]
  certain: boolean
  /** Kafka Streams stream time of its partition when it arrived */
  streamTime?: number
  /** Flink: the lowest and highest watermark the record can see */
  watermark?: { earliest: number; latest: number }
}

/** A Flink window whose result depends on when watermarks were emitted; reported as a Note. */
export interface IndeterminateWindow {
  key: string
  start: number
  end: number
  /** the result when every record that may be late was accepted */
  valueIfAllAccepted: unknown
  /** the result when every record that may be late was dropped (undefined: then no window at all) */
  valueIfLateDropped: unknown
  /** the records that may be late */
  mayBeLate: ProduceOp[]
}

export interface ExpectedWindows {
  spec: WindowSpec
  /** every window below, by number: what the judge reads */
  index: WindowIndex
  /** what the SUT must emit, by windowId(key, start, end) */
  windows: ReadonlyMap<string, ExpectedWindow>
  late: LateRecord[]
  indeterminate: IndeterminateWindow[]
  /** computed but never closed (emit final) or never fired (Flink) by the end of the stream: not emitted */
  unclosed: ReadonlyMap<string, ExpectedWindow>
  /** windows that only dropped records fall into: a correct engine emits nothing for them */
  lateOnly: ReadonlyMap<string, ExpectedWindow>
  /**
   * Kafka Streams emit on-window-close: windows that closed but that the engine never emits (store
   * retention when stream time jumps; docs/windows-verification.md D3, D4). Emitting one is extra.
   */
  lost?: ReadonlyMap<string, ExpectedWindow>
  /** emit final: earlier identities of merged sessions that may have been emitted at the close boundary */
  tolerated: ReadonlyMap<string, ExpectedWindow>
  /** recomputes a window value from records (for late-included / late-dropped explanations) */
  aggregate(ops: readonly ProduceOp[]): unknown
  notes: Note[]
}

/**
 * The identity of a window in maps and messages: `["k",0,10]`. For finite numbers JSON.stringify writes
 * the same text as a template literal but returns one flat string; the template literal leaves a chain
 * of concatenated pieces that a Map keeps alive as its key (a million windows: ~130 MB more).
 */
export function windowId(key: string, start: number, end: number): string {
  if (Number.isFinite(start) && Number.isFinite(end)) return JSON.stringify([key, start, end])
  return `[${JSON.stringify(key)},${start},${end}]`
}
