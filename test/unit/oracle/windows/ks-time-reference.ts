import type { ProduceOp } from '../../../../src/replay/plan.ts'
import { windowId } from '../../../../src/oracle/windows/expected-types.ts'
import {
  flushStates,
  newWindowState,
  type KsContext,
  type KsProcessor,
  type WindowState,
} from '../../../../src/oracle/windows/window-state.ts'

/**
 * The straightforward tumbling / hopping processor that src/oracle/windows/ks-time.ts replaced (kept
 * as the reference its results must equal): one Map by window identity, an array of records per
 * window, and every window (late-only ones too) in one store.
 */
export function referenceKsTimeProcessor(size: number, advance: number, ctx: KsContext): KsProcessor {
  const store = new Map<string, WindowState>()
  const open = new Set<WindowState>()
  let lastS = -1
  return {
    process(op: ProduceOp, S: number): void {
      if (ctx.onWindowClose && S > lastS) closeWindows(S)
      lastS = S
      const key = op.key as string
      const droppedFrom: { start: number; end: number }[] = []
      for (const start of windowStarts(op.ts, size, advance)) {
        const end = start + size
        const id = windowId(key, start, end)
        let w = store.get(id)
        if (w === undefined) {
          w = newWindowState(key, start, end, ctx.agg, ctx.partition)
          store.set(id, w)
        }
        if (end > S - ctx.grace) {
          w.acc = ctx.agg.add(w.acc, op)
          w.members.push(op)
          if (ctx.onWindowClose) open.add(w)
          if (end <= S) w.graceMembers.push(op)
        } else {
          w.dropped.push(op)
          droppedFrom.push({ start, end })
        }
      }
      if (droppedFrom.length > 0) ctx.late.push({ op, windows: droppedFrom, certain: true, streamTime: S })
    },
    flush: (sink) => flushStates(store.values(), [], sink),
  }

  function closeWindows(S: number): void {
    const bound = Math.floor(S / advance) * advance - ctx.grace
    for (const w of open) {
      if (w.end > S - ctx.grace) continue
      open.delete(w)
      if (w.end < bound) w.lost = true
    }
  }
}

/** TimeWindows.windowsFor: every multiple of advance from floor(max(0, ts - size + advance) / advance) * advance up to ts */
function windowStarts(ts: number, size: number, advance: number): number[] {
  const starts: number[] = []
  for (let s = Math.floor(Math.max(0, ts - size + advance) / advance) * advance; s <= ts; s += advance) starts.push(s)
  return starts
}
