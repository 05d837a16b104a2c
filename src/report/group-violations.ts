import type { Violation } from '../oracle/violation.ts'
import type { CrashRecord, ScenarioResult, TimelineEvent } from '../result/index.ts'

/** Violations of one oracle and kind whose events sit on the same side of the run's faults. */
export interface ViolationGroup {
  oracle: string
  kind: string
  /** positions in `ScenarioResult.violations` (the JSON report's order), ascending */
  indices: number[]
  /** one clause saying what the group shares, from what the result carries only (empty when it carries nothing to say) */
  cause: string
}

/** What grouping reads of a result. */
export type GroupInput = Pick<ScenarioResult, 'violations' | 'crashes' | 'timeline'>

/**
 * The violations grouped by oracle, kind and where their input events arrived relative to the fault
 * steps that were carried out (before the first, between two, after the last, or across one), groups
 * in order of their first violation. The cause clause names the arrival range (plan positions, first
 * and last id), the fault that bounds it, and the delivery count when every violation of the group
 * has the same `expected` and `actual.count`; it says "every input" only when the timeline is complete
 * and the group holds every input that arrived in that stretch.
 */
export function groupViolations(r: GroupInput): ViolationGroup[] {
  const firstSeq = firstSeqs(r.timeline?.points ?? [])
  const faults = [...r.crashes].sort((a, b) => a.afterSeq - b.afterSeq)
  const groups = new Map<string, { oracle: string; kind: string; indices: number[]; stretch: Stretch | undefined }>()
  r.violations.forEach((v, i) => {
    const stretch = stretchOf(v, firstSeq, faults)
    const key = [v.oracle, v.kind, stretch?.key ?? '?'].join('\0')
    const g = groups.get(key)
    if (g) {
      g.indices.push(i)
      for (const seq of stretch?.seqs ?? []) g.stretch?.seqs.push(seq)
    } else groups.set(key, { oracle: v.oracle, kind: v.kind, indices: [i], stretch })
  })
  const complete = r.timeline !== undefined && countInputs(r.timeline.points) === r.timeline.total
  return [...groups.values()].map((g) => ({
    oracle: g.oracle,
    kind: g.kind,
    indices: g.indices,
    cause: cause(g.indices.map((i) => r.violations[i] as Violation), g.stretch, faults, complete ? firstSeq : undefined),
  }))
}

/** `300 × duplicated — every input produced before …`: the line a group is introduced by. */
export function groupHeading(g: ViolationGroup): string {
  return `${g.indices.length} × ${g.kind}${g.cause ? ` — ${g.cause}` : ''}`
}

/** Which stretch between fault steps the violation's input events arrived in. */
interface Stretch {
  key: string
  /** fault index the events arrived after (-1: before the first) or `across` (on both sides of one) */
  after: number | 'across'
  seqs: number[]
}

function stretchOf(v: Violation, firstSeq: ReadonlyMap<string, number>, faults: readonly CrashRecord[]): Stretch | undefined {
  if (v.ids.length === 0) return undefined
  const seqs: number[] = []
  for (const id of v.ids) {
    const seq = firstSeq.get(id)
    if (seq === undefined) return undefined
    seqs.push(seq)
  }
  const sides = new Set(seqs.map((s) => faults.filter((f) => f.afterSeq < s).length - 1))
  const after = sides.size === 1 ? ([...sides][0] as number) : 'across'
  return { key: String(after), after, seqs }
}

function cause(vs: readonly Violation[], stretch: Stretch | undefined, faults: readonly CrashRecord[], firstSeq: ReadonlyMap<string, number> | undefined): string {
  const ids = [...new Set(vs.flatMap((v) => v.ids))]
  if (ids.length === 0) return ''
  const delivered = deliveryOf(vs)
  const range = stretch ? seqRange(stretch.seqs) : ''
  if (ids.length === 1) {
    const where = stretch && faults.length > 0 ? `, ${arrival(stretch, faults)}` : ''
    return `${ids[0]}${where}${range ? ` (${range})` : ''}${delivered ? `, ${delivered}` : ''}`
  }
  const span = `${[range, `${ids[0]} … ${ids.at(-1)}`].filter(Boolean).join(', ')}`
  if (!stretch) return `${ids.length} ids (${span})${delivered ? `, each ${delivered}` : ''}`
  const where = arrival(stretch, faults)
  if (stretch.after !== 'across' && firstSeq && everyInput(ids, stretch.after, faults, firstSeq)) {
    return `every input ${where} (${span})${delivered ? ` was ${delivered}` : ''}`
  }
  return `${ids.length} inputs ${where} (${span})${delivered ? `, each ${delivered}` : ''}`
}

/** `seq 0–299`, `seq 12` */
function seqRange(seqs: readonly number[]): string {
  const [lo, hi] = bounds(seqs)
  return lo === hi ? `seq ${lo}` : `seq ${lo}–${hi}`
}

/** Smallest and largest, in a loop (a spread of 100k ids would overflow the call stack). */
function bounds(seqs: readonly number[]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const s of seqs) {
    if (s < lo) lo = s
    if (s > hi) hi = s
  }
  return [lo, hi]
}

/** `produced before the kill of the SUT after event 299`, `produced after … and before …`, `produced` (no fault). */
function arrival(stretch: Stretch, faults: readonly CrashRecord[]): string {
  if (stretch.after === 'across') {
    const [lo, hi] = bounds(stretch.seqs)
    const inside = faults.find((f) => f.afterSeq >= lo && f.afterSeq < hi) as CrashRecord
    return `produced on both sides of ${faultName(inside)}`
  }
  const prev = faults[stretch.after]
  const next = faults[stretch.after + 1]
  return ['produced', prev ? `after ${faultName(prev)}` : '', next ? `${prev ? 'and ' : ''}before ${faultName(next)}` : ''].filter(Boolean).join(' ')
}

/** `the kill and restart of the SUT after event 299`: a fault step as the cause clause names it. */
export function faultName(c: CrashRecord): string {
  const sut = c.instance !== undefined ? `SUT instance ${c.instance}` : 'the SUT'
  const broker = c.broker ? `broker ${c.broker.id}` : 'the broker'
  const what = {
    'crash-sut': `the kill ${c.downMs !== undefined ? 'and restart ' : ''}of ${sut}`,
    'pause-sut': `the pause of ${sut}`,
    'scale-sut': 'the scaling of the SUT',
    'restart-broker': `the restart of ${broker}`,
    'kill-broker': `the kill of ${broker}`,
    'pause-broker': `the pause of ${broker}`,
    network: `the network fault${c.network ? ` (${c.network})` : ''}`,
  }[c.kind]
  return `${what} after event ${c.afterSeq}`
}

/** `delivered 2 times, expected 1` when every violation says the same counts (`expected`, `actual.count`). */
function deliveryOf(vs: readonly Violation[]): string {
  const first = vs[0]
  const n = countOf(first?.actual)
  if (!first || n === undefined || typeof first.expected !== 'number') return ''
  if (vs.some((v) => countOf(v.actual) !== n || v.expected !== first.expected)) return ''
  return `delivered ${n === 1 ? 'once' : `${n} times`}, expected ${first.expected}`
}

function countOf(actual: unknown): number | undefined {
  const count = typeof actual === 'object' && actual !== null ? (actual as { count?: unknown }).count : undefined
  return typeof count === 'number' ? count : undefined
}

/** True when `ids` are all the inputs whose first arrival lies in stretch `after` (the timeline is complete). */
function everyInput(ids: readonly string[], after: number, faults: readonly CrashRecord[], firstSeq: ReadonlyMap<string, number>): boolean {
  const from = faults[after]?.afterSeq ?? -Infinity
  const to = faults[after + 1]?.afterSeq ?? Infinity
  let inStretch = 0
  for (const seq of firstSeq.values()) if (seq > from && seq <= to) inStretch++
  return inStretch === ids.length
}

/** Each input id's first plan position. */
function firstSeqs(points: NonNullable<ScenarioResult['timeline']>['points']): Map<string, number> {
  const first = new Map<string, number>()
  for (const p of points) {
    if (p.kind !== 'produce') continue
    const e = p as TimelineEvent
    const seen = first.get(e.id)
    if (seen === undefined || e.seq < seen) first.set(e.id, e.seq)
  }
  return first
}

function countInputs(points: NonNullable<ScenarioResult['timeline']>['points']): number {
  return points.filter((p) => p.kind === 'produce').length
}
