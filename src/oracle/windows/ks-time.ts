import type { ProduceOp } from '../../replay/plan.ts'
import { ksFirstWindowStart } from './assign.ts'
import { ChainedWindow } from './chained-window.ts'
import { RecordChains } from './record-chains.ts'
import type { KsContext, KsProcessor } from './window-state.ts'

/**
 * Kafka Streams KStreamWindowAggregate for tumbling and hopping windows `[start, start+size)`:
 * a record is added to window w iff `w.end > S - grace`, else dropped for w (`S >= end + grace`).
 * Hopping records can be dropped from some windows and kept in others.
 * On-window-close: the emit fetch on the window store cannot reach below
 * `observedStreamTime - retention` (largest start written `floor(S/advance)*advance`, retention
 * `size + grace`), and the next fetch starts above it: a window closed by a record r is emitted iff
 * `end >= floor(S_r/advance)*advance - grace`, otherwise it is marked `lost`.
 *
 * The store is one array per key of the windows that counted records, by start. A window is only
 * created with a record when `end > S - grace`, so it lands among the key's few open windows at the
 * end of that array. Records dropped from a window that never counted one go to a late-only window of
 * their own (collectWindows merges those by identity).
 */
export function ksTimeProcessor(size: number, advance: number, ctx: KsContext): KsProcessor {
  const chains = new RecordChains()
  const byKey = new Map<string, ChainedWindow[]>()
  /** every window in creation order: the order the store hands them over */
  const created: ChainedWindow[] = []
  const open = new Set<ChainedWindow>()
  const lost = new Set<ChainedWindow>()
  let lastS = -1
  return {
    process(op: ProduceOp, S: number): void {
      if (ctx.onWindowClose && S > lastS) closeWindows(S)
      lastS = S
      const key = op.key as string
      const ts = op.ts
      let windows = byKey.get(key)
      if (windows === undefined) byKey.set(key, (windows = []))
      let droppedFrom: { start: number; end: number }[] | undefined
      for (let start = ksFirstWindowStart(ts, size, advance); start <= ts; start += advance) {
        const end = start + size
        const at = search(windows, start)
        let w = windows[at]
        if (end > S - ctx.grace) {
          if (w === undefined || w.start !== start) {
            w = newWindow(key, start, end)
            if (at === windows.length) windows.push(w)
            else windows.splice(at, 0, w)
          }
          w.value = ctx.agg.add(w.value, op)
          w.addMember(op, end <= S)
          if (ctx.onWindowClose) open.add(w)
        } else {
          if (w === undefined || w.start !== start) w = newWindow(key, start, end)
          w.addDropped(op)
          ;(droppedFrom ??= []).push({ start, end })
        }
      }
      if (droppedFrom !== undefined) ctx.late.push({ op, windows: droppedFrom, certain: true, streamTime: S })
    },
    flush(sink) {
      for (const w of created) {
        if (w.hasMembers()) sink.counted(w, lost.has(w))
        else sink.lateOnly(w)
      }
    },
  }

  function newWindow(key: string, start: number, end: number): ChainedWindow {
    const w = new ChainedWindow(key, start, end, ctx.agg.init(), ctx.partition, chains)
    created.push(w)
    return w
  }

  /** the emit check after a record moved stream time to S (a window closed by this record has no members from it) */
  function closeWindows(S: number): void {
    const bound = Math.floor(S / advance) * advance - ctx.grace
    for (const w of open) {
      if (w.end > S - ctx.grace) continue
      open.delete(w)
      if (w.end < bound) lost.add(w)
    }
  }
}

/** The index of the first window starting at or after `start` (windows sorted by start; open ones are last). */
function search(windows: readonly ChainedWindow[], start: number): number {
  let hi = windows.length
  const last = windows[hi - 1]
  if (last === undefined || last.start < start) return hi
  if (last.start === start) return hi - 1
  let lo = 0
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((windows[mid] as ChainedWindow).start < start) lo = mid + 1
    else hi = mid
  }
  return lo
}
