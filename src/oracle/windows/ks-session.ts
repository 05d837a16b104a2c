import type { ProduceOp } from '../../replay/plan.ts'
import { SessionStore } from './session-store.ts'
import { adoptLists, newWindowState, type KsContext, type KsProcessor, type WindowState } from './window-state.ts'

/**
 * Kafka Streams KStreamSessionWindowAggregate: sessions `[first ts, last ts]` (inclusive). A record
 * joins every session of its key with `end >= ts - gap` and `start <= ts + gap` (|Δ| <= gap; it may
 * bridge several); the merged candidate is dropped iff `mergedEnd < S - gap - grace`. Accumulators merge
 * in store order (init, then each found session), then the record is added.
 * Sessions are never expired from the store here (best reading: segments outlive `gap + grace`).
 * A session that had closed before this record (so was emitted as final) and is now updated, at the
 * `S == end + gap + grace` boundary, is marked: it may be emitted twice.
 */
export function ksSessionProcessor(gap: number, ctx: KsContext): KsProcessor {
  const store = new SessionStore<WindowState>()
  const ghosts: WindowState[] = []
  const absorbed: WindowState[] = []
  let prevS = -1
  return {
    process(op: ProduceOp, S: number): void {
      const before = prevS
      prevS = S
      const key = op.key as string
      const { index, found } = store.find(key, op.ts - gap, op.ts + gap)
      let start = op.ts
      let end = op.ts
      for (const s of found) {
        start = Math.min(start, s.start)
        end = Math.max(end, s.end)
      }
      if (end < S - gap - ctx.grace) {
        const ghost = newWindowState(key, start, end, ctx.agg, ctx.partition)
        ghost.dropped.push(op)
        ghosts.push(ghost)
        ctx.late.push({ op, windows: [{ start, end }], certain: true, streamTime: S })
        return
      }
      const merged = newWindowState(key, start, end, ctx.agg, ctx.partition)
      adoptLists(merged, found)
      for (const s of found) {
        merged.acc = ctx.agg.merge(merged.acc, s.acc)
        if (ctx.isClosed(s.end, before)) {
          if (s.start === start && s.end === end) merged.boundary = true
          else absorbed.push(s)
        }
      }
      merged.acc = ctx.agg.add(merged.acc, op)
      merged.members.push(op)
      if (end < S - gap) merged.graceMembers.push(op)
      store.replace(key, index, found.length, merged)
    },
    *windows() {
      yield* store.all()
      yield* ghosts
    },
    absorbedClosed: () => absorbed,
  }
}
