import type { ProduceOp } from '../../replay/plan.ts'
import type { Aggregator } from './aggregate.ts'
import type { ExpectedWindow, LateRecord } from './expected-types.ts'

/** A window while the reference engine runs: its accumulator and the records behind it. */
export interface WindowState {
  key: string
  start: number
  end: number
  acc: unknown
  members: ProduceOp[]
  dropped: ProduceOp[]
  graceMembers: ProduceOp[]
  partition?: number
  boundary?: true
  /** emit on-window-close: closed but never emitted (Kafka Streams store retention, D3/D4) */
  lost?: true
}

export function newWindowState(key: string, start: number, end: number, agg: Aggregator, partition?: number): WindowState {
  const w: WindowState = { key, start, end, acc: agg.init(), members: [], dropped: [], graceMembers: [] }
  if (partition !== undefined) w.partition = partition
  return w
}

/**
 * Gives a merged window the record lists of the windows it replaces, reusing the largest one's arrays
 * (so a session that grows one record at a time does not copy its list each time).
 */
export function adoptLists<T extends WindowState>(merged: T, parts: readonly T[]): void {
  if (parts.length === 0) return
  const base = parts.reduce((a, b) => (b.members.length > a.members.length ? b : a))
  merged.members = base.members
  merged.dropped = base.dropped
  merged.graceMembers = base.graceMembers
  for (const p of parts) {
    if (p === base) continue
    for (const x of p.members) merged.members.push(x)
    for (const x of p.dropped) merged.dropped.push(x)
    for (const x of p.graceMembers) merged.graceMembers.push(x)
  }
}

export function toExpected(w: WindowState): ExpectedWindow {
  const e: ExpectedWindow = {
    key: w.key,
    start: w.start,
    end: w.end,
    value: w.acc,
    members: w.members,
    dropped: w.dropped,
    graceMembers: w.graceMembers,
  }
  if (w.partition !== undefined) e.partition = w.partition
  if (w.boundary) e.boundary = true
  return e
}

/** What a Kafka Streams windowed processor of one partition (one task) needs from its driver. */
export interface KsContext {
  partition: number
  grace: number
  agg: Aggregator
  /** whether a window with this end has been emitted as final at stream time S (emit final modes) */
  isClosed(end: number, streamTime: number): boolean
  /** emit on-window-close: the processor marks closed windows the engine never emits (`lost`) */
  onWindowClose: boolean
  late: LateRecord[]
}

/** Where a processor hands the windows of its store once the stream has ended. */
export interface KsWindowSink {
  /** a window with counted records; `lost`: closed but never emitted (emit on-window-close, D3/D4) */
  counted(w: ExpectedWindow, lost: boolean): void
  /** a window that only dropped records fall into (no members) */
  lateOnly(w: ExpectedWindow): void
  /** a session window absorbed by a merge after it had closed: it may have been emitted */
  absorbedClosed(w: ExpectedWindow): void
}

/** One partition's windowed aggregation: fed records in offset order with the stream time after each. */
export interface KsProcessor {
  /** `at`: the record's index in the input; `key`: its key's number (a WindowTable's keyOf) */
  process(op: ProduceOp, streamTime: number, at: number, key: number): void
  /** hands every window of the store to `sink`, in the order the windows were created */
  flush(sink: KsWindowSink): void
}

/** `flush` for processors that keep WindowStates: `absorbed` are the sessions absorbed after they closed. */
export function flushStates(states: Iterable<WindowState>, absorbed: Iterable<WindowState>, sink: KsWindowSink): void {
  for (const w of states) {
    if (w.members.length === 0) sink.lateOnly(toExpected(w))
    else sink.counted(toExpected(w), w.lost === true)
  }
  for (const w of absorbed) sink.absorbedClosed(toExpected(w))
}
