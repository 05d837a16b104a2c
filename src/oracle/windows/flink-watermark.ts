import type { ProduceOp } from '../../replay/plan.ts'
import type { FlinkOptions } from './spec.ts'

/** The watermarks a record can see, MIN as -Infinity and MAX as +Infinity. */
export interface WatermarkRange {
  earliest: number
  latest: number
}

/**
 * Flink BoundedOutOfOrdernessWatermarks, one generator per partition, reader watermark = min over
 * partitions. The latest watermark record r can see is
 * `min(max ts before r in its partition, max ts of every other partition) - d - 1`: the source may have
 * read the other partitions to their end already; a known partition with no records pins it at MIN.
 * The earliest is MIN for periodic emission (the timer may not have fired yet), the latest itself for
 * punctuated emission with one partition, and MIN when watermarks are off (`none`).
 */
export function flinkWatermarks(ops: readonly ProduceOp[], opts: FlinkOptions) {
  const d = opts.maxOutOfOrdernessMs
  const mode = opts.watermarks ?? 'periodic'
  const maxAll = new Map<number, number>()
  for (const op of ops) maxAll.set(op.partition, Math.max(maxAll.get(op.partition) ?? -Infinity, op.ts))
  const known = new Set(maxAll.keys())
  for (let p = 0; p < (opts.partitions ?? 0); p++) known.add(p)
  const maxOf = (p: number): number => maxAll.get(p) ?? -Infinity
  /** min over partitions other than p of their whole-stream max ts */
  const othersMin = (p: number): number => {
    let m = Infinity
    for (const q of known) if (q !== p) m = Math.min(m, maxOf(q))
    return m
  }
  const othersCache = new Map<number, number>()
  const running = new Map<number, number>()

  const final = opts.bounded
    ? Infinity
    : mode === 'none'
      ? -Infinity
      : Math.min(...[...known].map(maxOf)) - d - 1

  return {
    /** the watermark after the whole stream (windows with maxTimestamp above it never fire) */
    final,
    /** call once per record, in plan order: the range of watermarks it sees */
    next(op: ProduceOp): WatermarkRange {
      const own = running.get(op.partition) ?? -Infinity
      running.set(op.partition, Math.max(own, op.ts))
      if (mode === 'none') return { earliest: -Infinity, latest: -Infinity }
      let others = othersCache.get(op.partition)
      if (others === undefined) othersCache.set(op.partition, (others = othersMin(op.partition)))
      const latest = Math.min(own, others) - d - 1
      const exact = mode === 'punctuated' && known.size === 1
      return { earliest: exact ? latest : -Infinity, latest }
    },
  }
}
