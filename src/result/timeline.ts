import type { Plan } from '../replay/plan.ts'
import type { Timeline, TimelineEvent, TimelineFault, TimelinePoint } from './scenario-result.ts'

/** Produce ops kept in a timeline at most; past it the plot gets an even sample (20k points plot in ~50 ms). */
export const TIMELINE_MAX_EVENTS = 20_000

export interface TimelineOptions {
  /** produce ops kept at most (default TIMELINE_MAX_EVENTS); fault steps are always kept */
  max?: number
  /** event ids to keep first when sampling (the ids the violations name, so their links find them) */
  keep?: Iterable<string>
  /** plan seqs of the records an oracle judged late (OracleResult.judgedLate): marked, and kept like late ones */
  judgedLate?: Iterable<number>
}

/**
 * The plan as plotting data: every produce op with its stream time (largest ts of its topic-partition
 * so far, this one included, computed over the whole plan before any sampling) and every fault step.
 * A plan with more than `max` produce ops is sampled evenly, in tiers that spend the budget first on
 * the `keep` ids (up to a quarter), then on late events (moved late by the `late` perturbation or
 * judged late by an oracle) and duplicated copies (up to half, together),
 * then on the rest; `total` says how many there were.
 */
export function timelineFromPlan(plan: Plan, opts: TimelineOptions = {}): Timeline {
  const max = Math.max(0, opts.max ?? TIMELINE_MAX_EVENTS)
  const ops = isSorted(plan) ? plan.ops : [...plan.ops].sort((a, b) => a.seq - b.seq)
  const streamTime = new Map<string, number>()
  const events: TimelineEvent[] = []
  const faults: TimelineFault[] = []
  const judgedLate = new Set(opts.judgedLate ?? [])
  for (const op of ops) {
    if (op.kind !== 'produce') {
      faults.push({ kind: op.kind, seq: op.seq })
      continue
    }
    const tp = `${op.topic}\u0000${op.partition}`
    const st = Math.max(streamTime.get(tp) ?? -Infinity, op.ts)
    streamTime.set(tp, st)
    const e: TimelineEvent = { kind: 'produce', seq: op.seq, topic: op.topic, partition: op.partition, ts: op.ts, streamTime: st, id: op.id, copy: op.copy }
    if (op.late) e.late = true
    if (judgedLate.has(op.seq)) e.judgedLate = true
    if (op.source) e.where = `${op.source.file}:${op.source.line}`
    events.push(e)
  }
  const kept = events.length <= max ? events : sample(events, max, new Set(opts.keep ?? []))
  const points: TimelinePoint[] = [...kept, ...faults].sort((a, b) => a.seq - b.seq)
  return { points, total: events.length }
}

function sample(events: readonly TimelineEvent[], max: number, keep: ReadonlySet<string>): TimelineEvent[] {
  const named: TimelineEvent[] = []
  const marked: TimelineEvent[] = []
  const rest: TimelineEvent[] = []
  for (const e of events) {
    if (keep.has(e.id)) named.push(e)
    else if (e.late || e.judgedLate || e.copy > 0) marked.push(e)
    else rest.push(e)
  }
  const first = evenly(named, Math.floor(max / 4))
  const second = evenly(marked, Math.floor(max / 2) - first.length)
  const third = evenly(rest, max - first.length - second.length)
  // what a tier left of its budget goes to the tiers before it
  const left = max - first.length - second.length - third.length
  const more = left > 0 ? topUp([named, marked], [first, second], left) : []
  return [...first, ...second, ...third, ...more]
}

/** `k` of `xs`, spread evenly (the first one always), in their order. */
export function evenly<T>(xs: readonly T[], k: number): T[] {
  if (k >= xs.length) return [...xs]
  if (k <= 0) return []
  const out: T[] = []
  for (let i = 0; i < k; i++) out.push(xs[Math.floor((i * xs.length) / k)] as T)
  return out
}

/** Fills `budget` more from each tier's unpicked members, evenly. */
function topUp(tiers: readonly TimelineEvent[][], picked: readonly TimelineEvent[][], budget: number): TimelineEvent[] {
  const out: TimelineEvent[] = []
  tiers.forEach((tier, i) => {
    const chosen = new Set(picked[i])
    const unpicked = tier.filter((e) => !chosen.has(e))
    out.push(...evenly(unpicked, budget - out.length))
  })
  return out
}

function isSorted(plan: Plan): boolean {
  for (let i = 1; i < plan.ops.length; i++) if ((plan.ops[i]?.seq ?? 0) < (plan.ops[i - 1]?.seq ?? 0)) return false
  return true
}
