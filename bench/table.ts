import { meets, median, type Metric } from './benchmark.ts'

export interface Row {
  bench: string
  metric: Metric
  samples: number[]
  /** set when the benchmark failed before producing this metric */
  error?: string
}

function fmt(v: number, digits: number): string {
  if (!Number.isFinite(v)) return 'n/a'
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

/** The result table as Markdown (it reads fine on a terminal too). */
export function renderTable(rows: readonly Row[]): string {
  const head = ['benchmark', 'median', 'unit', 'target', 'result', 'runs']
  const body = rows.map((r) => {
    const d = r.metric.digits ?? 2
    const m = median(r.samples)
    const target = r.metric.target ? `${r.metric.target.op} ${r.metric.target.value}` : '—'
    const result = r.error ? `error: ${r.error}` : r.metric.target ? (meets(m, r.metric.target) ? 'met' : 'MISSED') : '—'
    return [`${r.bench}: ${r.metric.name}`, r.error ? 'n/a' : fmt(m, d), r.metric.unit, target, result, r.samples.map((s) => fmt(s, d)).join(' / ')]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`
  return [line(head), `|${widths.map((w, i) => (i === 1 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n')
}
