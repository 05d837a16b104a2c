import type { ProduceOp } from '../../replay/plan.ts'
import { windowId } from './expected-types.ts'
import { flushStates, type KsContext, type KsProcessor, type WindowState } from './window-state.ts'

/** A stored aggregate: Kafka Streams' ValueAndTimestamp, plus the records behind it (shared lists). */
interface Vat {
  acc: unknown
  /** the largest record timestamp in the window */
  ts: number
  members: Cons | null
  grace: Cons | null
}
interface Cons {
  op: ProduceOp
  next: Cons | null
}

/**
 * Kafka Streams KStreamSlidingWindowAggregate (processReverse and processEarly), followed literally:
 * windows `[start, start+td]`, both ends inclusive; a left window `[ts-td, ts]` per record and a right
 * window `[ts+1, ts+1+td]` when some later record falls in it; records with ts < td share `[0, td]`.
 * Whole record dropped iff `ts + 1 + td <= S - grace`; a window is updated iff `end >= S - grace`.
 * Windows are never expired from the store (retention is assumed to outlive the grace).
 * On-window-close: after each record that is neither dropped nor early (`ts < td`: processEarly
 * returns before the emit check), windows with `end < S - grace` are emitted by a fetch on the
 * time-ordered store, which cannot reach starts below `observedStreamTime - retention`
 * (observedStreamTime = largest window start ever put, this record's puts included; retention
 * `2 * td + grace`); the next fetch starts above them, so such a window is `lost`.
 */
export function ksSlidingProcessor(td: number, ctx: KsContext): KsProcessor {
  const stores = new Map<string, { starts: number[]; vats: Map<number, Vat> }>()
  const dropped = new Map<string, { key: string; start: number; ops: ProduceOp[] }>()
  const boundary = new Set<string>()
  let prevS = -1
  /** on-window-close: windows put and not yet closed, the largest start ever put, closed windows never emitted */
  const open = new Map<string, { key: string; start: number }>()
  let observedStart = -1
  const lost = new Set<string>()
  const retention = 2 * td + ctx.grace

  const storeOf = (key: string) => {
    let s = stores.get(key)
    if (s === undefined) stores.set(key, (s = { starts: [], vats: new Map() }))
    return s
  }
  const lowerBound = (a: number[], x: number): number => {
    let lo = 0
    let hi = a.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((a[mid] as number) < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  /** starts created while the current record is processed */
  const createdNow = new Set<number>()
  const put = (key: string, start: number, vat: Vat): void => {
    const s = storeOf(key)
    if (!s.vats.has(start)) {
      s.starts.splice(lowerBound(s.starts, start), 0, start)
      createdNow.add(start)
    }
    s.vats.set(start, vat)
    observedStart = Math.max(observedStart, start)
    if (ctx.onWindowClose) open.set(windowId(key, start, start + td), { key, start })
  }
  /** the on-window-close emit check after a record (KStreamSlidingWindowAggregate: maybeForwardFinalResult) */
  const emitClosed = (closeTime: number): void => {
    for (const [id, w] of open) {
      if (w.start + td >= closeTime) continue
      open.delete(id)
      if (w.start < observedStart - retention) lost.add(id)
    }
  }
  /** windows of key with start in [from, to], ascending; a snapshot of the starts */
  const fetch = (key: string, from: number, to: number): number[] => {
    const s = storeOf(key)
    return s.starts.slice(lowerBound(s.starts, from), lowerBound(s.starts, to + 1))
  }
  const vatAt = (key: string, start: number): Vat => storeOf(key).vats.get(start) as Vat
  const drop = (key: string, start: number, op: ProduceOp, into: { start: number; end: number }[]): void => {
    const id = windowId(key, start, start + td)
    let d = dropped.get(id)
    if (d === undefined) dropped.set(id, (d = { key, start, ops: [] }))
    d.ops.push(op)
    into.push({ start, end: start + td })
  }

  function process(op: ProduceOp, S: number): void {
    const before = prevS
    prevS = S
    const key = op.key as string
    const ts = op.ts
    const closeTime = S - ctx.grace
    const droppedFrom: { start: number; end: number }[] = []
    createdNow.clear()

    const update = (start: number, vat: Vat): void => {
      const end = start + td
      if (end >= closeTime) {
        const existed = storeOf(key).vats.has(start) && !createdNow.has(start)
        put(key, start, {
          acc: ctx.agg.add(vat.acc, op),
          ts: Math.max(ts, vat.ts),
          members: { op, next: vat.members },
          grace: end < S ? { op, next: vat.grace } : vat.grace,
        })
        if (existed && ctx.isClosed(end, before)) boundary.add(windowId(key, start, end))
      } else drop(key, start, op, droppedFrom)
    }
    const fresh = (): Vat => ({ acc: ctx.agg.init(), ts, members: null, grace: null })
    const createCurrentRight = (rightWinAgg: Vat): void => put(key, ts + 1, rightWinAgg)

    if (ts + 1 + td <= closeTime) {
      drop(key, Math.max(0, ts - td), op, droppedFrom)
    } else if (ts < td) {
      // processEarly
      let combined: Vat | null = null
      let rightWinAgg: Vat | null = null
      let rightWinAlreadyCreated = false
      let previousTs: number | null = null
      const startTimes = new Set<number>()
      for (const start of fetch(key, 0, ts + 1)) {
        startTimes.add(start)
        const vat = vatAt(key, start)
        if (start === 0) {
          combined = vat
          if (vat.ts < ts) previousTs = vat.ts
        } else if (start <= ts) {
          rightWinAgg = vat
          update(start, vat)
        } else if (start === ts + 1) rightWinAlreadyCreated = true
      }
      if (rightWinAgg === null && combined !== null && combined.ts > ts) rightWinAgg = combined
      if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.ts > ts) createCurrentRight(rightWinAgg)
      if (previousTs !== null && !startTimes.has(previousTs + 1)) update(previousTs + 1, fresh())
      update(0, combined ?? fresh())
    } else {
      // processReverse
      let leftWinAgg: Vat | null = null
      let rightWinAgg: Vat | null = null
      let leftWinAlreadyCreated = false
      let rightWinAlreadyCreated = false
      let previousTs: number | null = null
      let done = false
      const startTimes = new Set<number>()
      for (const start of fetch(key, Math.max(0, ts - 2 * td), ts + 1).reverse()) {
        startTimes.add(start)
        const end = start + td
        const vat = vatAt(key, start)
        if (start === ts + 1) rightWinAlreadyCreated = true
        else if (end > ts) {
          if (rightWinAgg === null) rightWinAgg = vat
          update(start, vat)
        } else if (end === ts) {
          leftWinAlreadyCreated = true
          update(start, vat)
          if (vat.ts < ts) previousTs = vat.ts
          else {
            done = true
            break
          }
        } else {
          leftWinAgg = vat
          previousTs = vat.ts
          break
        }
      }
      if (!done) {
        // createWindows
        if (previousTs !== null && !startTimes.has(previousTs + 1) && previousTs + 1 + td >= ts) update(previousTs + 1, fresh())
        if (!leftWinAlreadyCreated) {
          const leftNotEmpty = previousTs !== null && ts - td <= previousTs && leftWinAgg !== null
          update(ts - td, leftNotEmpty ? { ...(leftWinAgg as Vat), ts } : fresh())
        }
        if (!rightWinAlreadyCreated && rightWinAgg !== null && rightWinAgg.ts > ts) createCurrentRight(rightWinAgg)
      }
      if (ctx.onWindowClose) emitClosed(closeTime)
    }
    if (droppedFrom.length > 0) ctx.late.push({ op, windows: droppedFrom, certain: true, streamTime: S })
  }

  function* windows(): Iterable<WindowState> {
    const seen = new Set<string>()
    for (const [key, s] of stores) {
      for (const start of s.starts) {
        const vat = s.vats.get(start) as Vat
        const id = windowId(key, start, start + td)
        const w: WindowState = {
          key,
          start,
          end: start + td,
          acc: vat.acc,
          members: list(vat.members),
          dropped: dropped.get(id)?.ops ?? [],
          graceMembers: list(vat.grace),
          partition: ctx.partition,
        }
        if (boundary.has(id)) w.boundary = true
        if (lost.has(id)) w.lost = true
        seen.add(id)
        yield w
      }
    }
    for (const [id, d] of dropped) {
      if (seen.has(id)) continue
      yield { key: d.key, start: d.start, end: d.start + td, acc: ctx.agg.init(), members: [], dropped: d.ops, graceMembers: [], partition: ctx.partition }
    }
  }

  return { process, flush: (sink) => flushStates(windows(), [], sink) }
}

/** A shared list back in application order. */
function list(c: Cons | null): ProduceOp[] {
  const out: ProduceOp[] = []
  for (let x = c; x !== null; x = x.next) out.push(x.op)
  return out.reverse()
}
