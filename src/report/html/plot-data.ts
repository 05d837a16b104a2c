import type { ScenarioResult, TimelineEvent } from '../../result/index.ts'

/**
 * One scenario's timeline as the page script reads it, compact: one row per plotted event
 * `[seq, series, ts, streamTime, id, copy, late 0|1, where | null, judgedLate 0|1]`, series indexing
 * `series` (`topic/partition`), rows in seq order. `late`: moved late by the perturbation; `judgedLate`:
 * an oracle judged it late (a correct engine drops it).
 */
export interface PlotData {
  scenario: number
  series: string[]
  events: PlotRow[]
  /** produce ops in the plan (more than `events.length` when the timeline was sampled) */
  total: number
  crashes: { afterSeq: number; outputsAtKill: number }[]
  restarts: number[]
  /** broker and network faults: from the step to where the replay was when the fault ended */
  bands: { from: number; to: number; label: string }[]
  /** ids each violation names, by violation index */
  violations: string[][]
}

export type PlotRow = [number, number, number, number, string, number, 0 | 1, string | null, 0 | 1]

/** The page data of scenario `index`, or undefined when it has no timeline (it never built its plan). */
export function plotData(r: ScenarioResult, index: number): PlotData | undefined {
  if (!r.timeline) return undefined
  const events = r.timeline.points.filter((p): p is TimelineEvent => p.kind === 'produce')
  const series = [...new Set(events.map(seriesName))].sort(bySeries)
  const at = new Map(series.map((s, i) => [s, i]))
  return {
    scenario: index,
    series,
    events: events.map((e) => [e.seq, at.get(seriesName(e)) ?? 0, e.ts, e.streamTime, e.id, e.copy, e.late ? 1 : 0, e.where ?? null, e.judgedLate ? 1 : 0]),
    total: r.timeline.total,
    crashes: r.crashes.filter((c) => !BANDED.has(c.kind)).map((c) => ({ afterSeq: c.afterSeq, outputsAtKill: c.outputsAtKill })),
    restarts: r.timeline.points.filter((p) => p.kind === 'restart-broker').map((p) => p.seq),
    bands: r.crashes.filter((c) => BANDED.has(c.kind)).map((c) => ({ from: c.afterSeq, to: c.untilSeq ?? lastSeq(r), label: bandLabel(c) })),
    violations: r.violations.map((v) => v.ids),
  }
}

const BANDED: ReadonlySet<string> = new Set(['kill-broker', 'pause-broker', 'network'])

/** A fault still on when the replay ended reaches the end of the plot. */
function lastSeq(r: ScenarioResult): number {
  return r.timeline?.points.at(-1)?.seq ?? 0
}

/** `broker 2 down`, `broker 3 paused`, `network delay 300 ms`: what the band stands for. */
function bandLabel(c: ScenarioResult['crashes'][number]): string {
  const who = c.broker ? `broker ${c.broker.id}` : 'every broker'
  if (c.kind === 'kill-broker') return `${who} down`
  if (c.kind === 'pause-broker') return `${who} paused`
  return `network ${c.network ?? 'fault'}${c.broker ? ` at ${who}` : ''}`
}

function seriesName(e: TimelineEvent): string {
  return `${e.topic}/${e.partition}`
}

/** `orders/2` before `orders/10`. */
function bySeries(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}
