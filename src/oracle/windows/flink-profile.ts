import type { ProduceOp } from '../../replay/plan.ts'
import type { Note } from '../violation.ts'
import { fold, type Aggregator } from './aggregate.ts'
import { flinkTimeWindowStarts } from './assign.ts'
import { collected, collectWindows, unclosedNotes, type Collected } from './collect-windows.ts'
import { windowId, type ExpectedWindow, type IndeterminateWindow, type LateRecord } from './expected-types.ts'
import { flinkWatermarks } from './flink-watermark.ts'
import { loadWindows } from './load-windows.ts'
import { SessionStore } from './session-store.ts'
import type { FlinkOptions, WindowSpec } from './spec.ts'
import { adoptLists, newWindowState, toExpected, type WindowState } from './window-state.ts'

type FlinkWindow = WindowState & { mayBeLate: ProduceOp[] }

/**
 * The Flink reference engine (WindowOperator with EventTimeTrigger), keyed across all partitions.
 * Window w is skipped for a record iff `maxTimestamp(w) + AL <= WM` (maxTimestamp = end - 1); with a
 * range of possible watermarks, a record is certainly late under the earliest and maybe late under the
 * latest. A window holding a maybe-late record is indeterminate (reported apart); the others must be
 * emitted with the aggregate of all their records, once `end - 1 <= final watermark`.
 */
export function flinkExpected(ops: readonly ProduceOp[], spec: WindowSpec, agg: Aggregator): Collected & { indeterminate: IndeterminateWindow[] } {
  const opts = spec.flink as FlinkOptions
  const AL = opts.allowedLatenessMs ?? 0
  const wm = flinkWatermarks(ops, opts)
  const late: LateRecord[] = []
  const win = spec.window
  const timeStore = new Map<string, FlinkWindow>()
  const sessions = new SessionStore<FlinkWindow>()
  const finished: FlinkWindow[] = []
  const maybeAbsorbed: FlinkWindow[] = []
  /** fired sessions a later merge absorbed: their last result stays in the output */
  const superseded: ExpectedWindow[] = []
  const ghosts: FlinkWindow[] = []
  const nullKeys: string[] = []
  const make = (key: string, start: number, end: number): FlinkWindow => ({ ...newWindowState(key, start, end, agg), mayBeLate: [] })

  for (const op of ops) {
    const range = wm.next(op)
    if (op.key === null) {
      nullKeys.push(op.id)
      continue
    }
    const key = op.key
    const isLate = (end: number, w: number) => end - 1 + AL <= w
    const certain: { start: number; end: number }[] = []
    const maybe: { start: number; end: number }[] = []
    if (win.type === 'session') {
      const { index, found } = sessions.find(key, op.ts, op.ts + win.gap)
      // sessions whose cleanup timer (maxTimestamp + AL) has certainly fired are gone from the operator
      // (sorted by end, so the purged ones come first)
      const live = found.filter((s) => !isLate(s.end, range.earliest))
      for (const s of found) if (!live.includes(s)) finished.push(s)
      sessions.replace(key, index, found.length, ...live)
      let start = op.ts
      let end = op.ts + win.gap
      for (const s of live) {
        start = Math.min(start, s.start)
        end = Math.max(end, s.end)
      }
      if (isLate(end, range.earliest)) {
        const ghost = make(key, start, end)
        ghost.dropped.push(op)
        ghosts.push(ghost)
        certain.push({ start, end })
      } else {
        for (const s of live) {
          if (isLate(s.end, range.latest) || (s.start === start && s.end === end)) continue
          // Flink retracts nothing: a session that fired before this merge absorbs it keeps its last
          // result in the output (with allowedLateness > 0 a fired session stays live until cleanup)
          if (s.end - 1 <= range.earliest && s.mayBeLate.length === 0) superseded.push(snapshot(s))
          else if (s.end - 1 <= range.latest) maybeAbsorbed.push(s)
        }
        const merged = make(key, start, end)
        adoptLists(merged, live)
        for (const s of live) {
          merged.acc = agg.merge(merged.acc, s.acc)
          for (const x of s.mayBeLate) merged.mayBeLate.push(x)
          // a session that may already have been purged may not merge: both shapes are possible
          if (isLate(s.end, range.latest)) {
            maybeAbsorbed.push(s)
            merged.mayBeLate.push(op)
          }
        }
        merged.acc = agg.add(merged.acc, op)
        merged.members.push(op)
        if (isLate(end, range.latest)) {
          merged.mayBeLate.push(op)
          maybe.push({ start, end })
        } else if (end - 1 <= range.latest) merged.graceMembers.push(op)
        sessions.replace(key, index, live.length, merged)
      }
    } else {
      if (win.type === 'sliding') throw new Error('unreachable: checkWindowSpec rejects sliding for flink')
      const size = win.size
      const slide = win.type === 'hopping' ? win.advance : win.size
      for (const start of flinkTimeWindowStarts(op.ts, size, slide)) {
        const end = start + size
        const id = windowId(key, start, end)
        let w = timeStore.get(id)
        if (w === undefined) timeStore.set(id, (w = make(key, start, end)))
        if (isLate(end, range.earliest)) {
          w.dropped.push(op)
          certain.push({ start, end })
          continue
        }
        w.acc = agg.add(w.acc, op)
        w.members.push(op)
        if (isLate(end, range.latest)) {
          w.mayBeLate.push(op)
          maybe.push({ start, end })
        } else if (end - 1 <= range.latest) w.graceMembers.push(op)
      }
    }
    if (certain.length > 0) late.push({ op, windows: certain, certain: true, watermark: range })
    if (maybe.length > 0) late.push({ op, windows: maybe, certain: false, watermark: range })
  }

  return sortOut(
    [...timeStore.values(), ...sessions.all(), ...finished, ...ghosts],
    superseded,
    maybeAbsorbed,
    { ops, final: wm.final, agg, late, nullKeys },
  )
}

/** The window as it is now: its record lists copied (adoptLists may hand them on to a merged window). */
function snapshot(w: WindowState): ExpectedWindow {
  return { ...toExpected(w), members: [...w.members], dropped: [...w.dropped], graceMembers: [...w.graceMembers] }
}

function sortOut(
  all: FlinkWindow[],
  superseded: ExpectedWindow[],
  maybeAbsorbed: FlinkWindow[],
  c: { ops: readonly ProduceOp[]; final: number; agg: Aggregator; late: LateRecord[]; nullKeys: string[] },
): Collected & { indeterminate: IndeterminateWindow[] } {
  const out = collectWindows()
  const indeterminate: IndeterminateWindow[] = []
  for (const w of all) {
    if (w.members.length === 0) out.addLateOnly(toExpected(w))
    else if (w.mayBeLate.length > 0) {
      const maybe = new Set(w.mayBeLate)
      const sure = w.members.filter((m) => !maybe.has(m))
      indeterminate.push({
        key: w.key,
        start: w.start,
        end: w.end,
        valueIfAllAccepted: w.acc,
        valueIfLateDropped: sure.length > 0 ? fold(c.agg, sure) : undefined,
        mayBeLate: w.mayBeLate,
      })
      out.tolerate(toExpected(w))
    } else out.add(toExpected(w), w.end - 1 <= c.final ? 'expected' : 'unclosed')
  }
  for (const w of superseded) out.add(w, 'expected')
  for (const w of maybeAbsorbed) out.tolerate(toExpected(w))
  const sorted = out.finish()
  const notes: Note[] = unclosedNotes(sorted.unclosed)
  if (indeterminate.length > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'indeterminate',
      message: `${indeterminate.length} windows depend on when Flink emitted watermarks (a record may or may not be late): not judged`,
      detail: indeterminate.slice(0, 20).map((w) => ({
        key: w.key,
        start: w.start,
        end: w.end,
        valueIfAllAccepted: w.valueIfAllAccepted,
        valueIfLateDropped: w.valueIfLateDropped,
        mayBeLate: w.mayBeLate.map((op) => op.id),
      })),
    })
  }
  if (c.nullKeys.length > 0) {
    notes.push({
      oracle: 'windows',
      kind: 'skipped-records',
      message: `${c.nullKeys.length} records with a null key cannot be keyed and are not in any window`,
      detail: { ids: c.nullKeys.slice(0, 20) },
    })
  }
  return { ...collected(loadWindows(c.ops, sorted, indeterminate), c.late, notes), indeterminate }
}
