import { paint } from '../report/ansi.ts'
import { canonicalJson } from '../oracle/canonical.ts'
import { isEmptyDiff } from './key-diff.ts'
import type { BackfillReport } from './dry-run.ts'

export interface RenderOptions {
  color?: boolean
  /** how many keys each section lists before "… N more"; default 20 */
  limit?: number
  /** longest value shown, in characters; default 160 */
  width?: number
}

/** The dry-run report for people: where things came from, the counts, then each section of the per-key diff, truncated. */
export function renderBackfillConsole(r: BackfillReport, opts: RenderOptions = {}): string {
  const p = paint(opts.color ?? false)
  const limit = opts.limit ?? 20
  const width = opts.width ?? 160
  const show = (v: unknown): string => {
    const text = canonicalJson(v)
    return text.length > width ? `${text.slice(0, width - 1)}…` : text
  }
  const { diff } = r
  const lines = [
    p.bold('backfill dry-run'),
    `  input      ${r.input.source}: ${r.input.events} events, ${r.input.partitions} partition(s)`,
    `  new        ${r.candidate.source} on ${r.candidate.env} (run ${r.candidate.runId}): ${r.candidate.records} records, ${r.candidate.keys} keys`,
    `  baseline   ${r.baseline.source}: ${r.baseline.records} records, ${r.baseline.keys} keys`,
    '',
    `per key: ${diff.unchanged} unchanged, ${p.green(`${diff.added.length} added`)}, ${p.red(`${diff.removed.length} removed`)}, ${p.yellow(`${diff.changed.length} changed`)}`,
  ]
  const more = (n: number): void => {
    if (n > limit) lines.push(p.dim(`  … ${n - limit} more`))
  }
  if (diff.changed.length > 0) {
    lines.push('', p.yellow(`changed (${diff.changed.length})`))
    for (const c of diff.changed.slice(0, limit)) lines.push(`  ${p.bold(c.key)}`, `    baseline  ${show(c.baseline)}`, `    new       ${show(c.candidate)}`)
    more(diff.changed.length)
  }
  if (diff.added.length > 0) {
    lines.push('', p.green(`added (${diff.added.length}): only the new SUT wrote these keys`))
    for (const a of diff.added.slice(0, limit)) lines.push(`  + ${p.bold(a.key)}  ${show(a.value)}`)
    more(diff.added.length)
  }
  if (diff.removed.length > 0) {
    lines.push('', p.red(`removed (${diff.removed.length}): the new SUT no longer writes these keys`))
    for (const a of diff.removed.slice(0, limit)) lines.push(`  - ${p.bold(a.key)}  ${show(a.value)}`)
    more(diff.removed.length)
  }
  lines.push('', isEmptyDiff(diff) ? p.green('no differences per key') : `${diff.changed.length + diff.added.length + diff.removed.length} key(s) differ`)
  lines.push(p.dim(`${(r.durationMs / 1000).toFixed(1)} s; the source cluster was only read${r.sourceReadGroups.length ? ` (read groups ${r.sourceReadGroups.join(', ')}, no offsets committed)` : ''}`))
  return `${lines.join('\n')}\n`
}
