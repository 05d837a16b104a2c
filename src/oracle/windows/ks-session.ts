import type { ProduceOp } from '../../replay/plan.ts'
import { SessionStore } from './session-store.ts'
import { adoptLists, flushStates, newWindowState, type KsContext, type KsProcessor, type WindowState } from './window-state.ts'

/**
 * Kafka Streams KStreamSessionWindowAggregate: sessions `[first ts, last ts]` (inclusive). A record
 * joins every session of its key with `end >= max(ts - gap, S_prev - gap - grace + 1)` and
 * `start <= ts + gap` (|Δ| <= gap; it may bridge several; S_prev = stream time before the record: the
 * store's fetch bound, so an already closable session is never merged); the merged candidate is
 * dropped iff `mergedEnd < S - gap - grace`. Accumulators merge in store order (init, then each found
 * session), then the record is added. A new session with the bounds of an invisible one overwrites it
 * and is marked `boundary` when that one had closed: two "finals" may appear.
 * Sessions are never expired from the store here (invisible ones cannot change).
 */
export function ksSessionProcessor(gap: number, ctx: KsContext): KsProcessor {
  const store = new SessionStore<WindowState>()
  const ghosts: WindowState[] = []
  const absorbed: WindowState[] = []
  const open = new Set<WindowState>()
  const segment = Math.max(Math.floor((gap + ctx.grace) / 2), 60000)
  let prevS = -1
  return {
    process(op: ProduceOp, S: number): void {
      const before = prevS
      prevS = S
      if (ctx.onWindowClose && S > before) closeSessions(S)
      const key = op.key as string
      // the store's fetch starts at max(from, observedStreamTime - retention + 1), retention = gap + grace,
      // observedStreamTime = S before this record: older sessions are invisible (neither merged nor extended)
      const lo = before < 0 ? op.ts - gap : Math.max(op.ts - gap, before - gap - ctx.grace + 1)
      let { index, found } = store.find(key, lo, op.ts + gap)
      let overwritten: WindowState | undefined
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
      const prev = found.length === 0 ? store.at(key, index - 1) : undefined
      if (prev !== undefined && prev.start === start && prev.end === end) {
        // an invisible session with the same bounds: the put overwrites it (a second "final" may follow)
        overwritten = prev
        index -= 1
        if (ctx.isClosed(prev.end, before)) merged.boundary = true
      }
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
      store.replace(key, index, found.length + (overwritten === undefined ? 0 : 1), merged)
      if (ctx.onWindowClose) {
        for (const s of found) open.delete(s)
        if (overwritten !== undefined) open.delete(overwritten)
        open.add(merged)
      }
    },
    flush: (sink) => flushStates([...store.all(), ...ghosts], absorbed, sink),
  }

  /**
   * On-window-close: the time-ordered session store drops whole segments (`floor(end / I)`,
   * I = max((gap + grace) / 2, 60000)) below `floor((S - gap - grace) / I)` on each put, before the emit
   * fetch: a session closed by a record in a later segment than its own is never emitted (`lost`).
   */
  function closeSessions(S: number): void {
    const closeTime = S - gap - ctx.grace
    for (const s of open) {
      if (s.end >= closeTime) continue
      open.delete(s)
      if (Math.floor(s.end / segment) < Math.floor(closeTime / segment)) s.lost = true
    }
  }
}
