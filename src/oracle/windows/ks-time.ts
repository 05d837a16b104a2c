import type { ProduceOp } from '../../replay/plan.ts'
import { ksFirstWindowStart } from './assign.ts'
import { searchStart, type WindowTable } from './window-table.ts'
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
 * The windows live in `table` (shared by the tasks of one run): the store is one list per key of its
 * windows, by start. A window is only created with a record when `end > S - grace`, so it lands among
 * the key's few open windows at the end of that list. Records dropped from a window that does not exist
 * make a late-only window, which joins the list too: later records dropped from it are added to it.
 */
export function ksTimeProcessor(size: number, advance: number, ctx: KsContext, table: WindowTable): KsProcessor {
  /** emit on-window-close: windows with records not yet closed */
  const open = new Set<number>()
  let lastS = -1
  const store = table.storeOf(ctx.partition)
  return {
    process(op: ProduceOp, S: number, at: number, key: number): void {
      if (ctx.onWindowClose && S > lastS) closeWindows(S)
      lastS = S
      const ts = op.ts
      let windows = store[key]
      if (windows === undefined) store[key] = windows = []
      let droppedFrom: { start: number; end: number }[] | undefined
      for (let start = ksFirstWindowStart(ts, size, advance); start <= ts; start += advance) {
        const end = start + size
        const pos = searchStart(table.starts, windows, start)
        let w = windows[pos]
        if (w === undefined || table.starts[w] !== start) {
          w = table.add(key, start, end, ctx.agg.init(), ctx.partition)
          if (pos === windows.length) windows.push(w)
          else windows.splice(pos, 0, w)
        }
        if (end > S - ctx.grace) {
          table.setValue(w, ctx.agg.add(table.value(w), op))
          table.addMember(w, at, end <= S)
          if (ctx.onWindowClose) open.add(w)
        } else {
          table.addDropped(w, at)
          ;(droppedFrom ??= []).push({ start, end })
        }
      }
      if (droppedFrom !== undefined) ctx.late.push({ op, windows: droppedFrom, certain: true, streamTime: S })
    },
    flush(sink) {
      for (let i = 0; i < table.count; i++) {
        if (table.partitions[i] !== ctx.partition) continue
        const w = table.window(i)
        if (table.hasMembers(i)) sink.counted(w, table.lost[i] === 1)
        else sink.lateOnly(w)
      }
    },
  }

  /** the emit check after a record moved stream time to S (a window closed by this record has no members from it) */
  function closeWindows(S: number): void {
    const bound = Math.floor(S / advance) * advance - ctx.grace
    for (const w of open) {
      const end = table.ends[w] ?? NaN
      if (end > S - ctx.grace) continue
      open.delete(w)
      if (end < bound) table.lost[w] = 1
    }
  }
}
