import type { ProduceOp } from '../../replay/plan.ts'
import { ksTimeWindowStarts } from './assign.ts'
import { windowId } from './expected-types.ts'
import { newWindowState, type KsContext, type KsProcessor, type WindowState } from './window-state.ts'

/**
 * Kafka Streams KStreamWindowAggregate for tumbling and hopping windows `[start, start+size)`:
 * a record is added to window w iff `w.end > S - grace`, else dropped for w (`S >= end + grace`).
 * Hopping records can be dropped from some windows and kept in others.
 */
export function ksTimeProcessor(size: number, advance: number, ctx: KsContext): KsProcessor {
  const store = new Map<string, WindowState>()
  return {
    process(op: ProduceOp, S: number): void {
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
}
