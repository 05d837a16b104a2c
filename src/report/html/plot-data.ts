import type { ScenarioResult, TimelineEvent } from '../../runner/result.ts'

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
    crashes: r.crashes.map((c) => ({ afterSeq: c.afterSeq, outputsAtKill: c.outputsAtKill })),
    restarts: r.timeline.points.filter((p) => p.kind === 'restart-broker').map((p) => p.seq),
    violations: r.violations.map((v) => v.ids),
  }
}

function seriesName(e: TimelineEvent): string {
  return `${e.topic}/${e.partition}`
}

/** `orders/2` before `orders/10`. */
function bySeries(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}
