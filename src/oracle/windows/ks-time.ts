import type { ProduceOp } from '../../replay/plan.ts'
import { ksTimeWindowStarts } from './assign.ts'
import { windowId } from './expected-types.ts'
import { newWindowState, type KsContext, type KsProcessor, type WindowState } from './window-state.ts'

/**
 * Kafka Streams KStreamWindowAggregate for tumbling and hopping windows `[start, start+size)`:
 * a record is added to window w iff `w.end > S - grace`, else dropped for w (`S >= end + grace`).
 * Hopping records can be dropped from some windows and kept in others.
 * On-window-close: the emit fetch on the window store cannot reach below
 * `observedStreamTime - retention` (largest start written `floor(S/advance)*advance`, retention
 * `size + grace`), and the next fetch starts above it: a window closed by a record r is emitted iff
 * `end >= floor(S_r/advance)*advance - grace`, otherwise it is marked `lost`.
 */
export function ksTimeProcessor(size: number, advance: number, ctx: KsContext): KsProcessor {
  const store = new Map<string, WindowState>()
  const open = new Set<WindowState>()
  let lastS = -1
  return {
    process(op: ProduceOp, S: number): void {
      if (ctx.onWindowClose && S > lastS) closeWindows(S)
      lastS = S
      const key = op.key as string
      const droppedFrom: { start: number; end: number }[] = []
      for (const start of ksTimeWindowStarts(op.ts, size, advance)) {
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
    windows: () => store.values(),
    absorbedClosed: () => [],
  }

  /** the emit check after a record moved stream time to S (a window closed by this record has no members from it) */
  function closeWindows(S: number): void {
    const bound = Math.floor(S / advance) * advance - ctx.grace
    for (const w of open) {
      if (w.end > S - ctx.grace) continue
      open.delete(w)
      if (w.end < bound) w.lost = true
    }
  }
}
