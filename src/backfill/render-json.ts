import { isEmptyDiff } from './key-diff.ts'
import type { BackfillReport } from './dry-run.ts'

/** The dry-run report for machines: everything, every key, no truncation. */
export function renderBackfillJson(r: BackfillReport): string {
  const counts = {
    baselineKeys: r.baseline.keys,
    newKeys: r.candidate.keys,
    unchanged: r.diff.unchanged,
    added: r.diff.added.length,
    removed: r.diff.removed.length,
    changed: r.diff.changed.length,
  }
  return `${JSON.stringify({ kind: 'backfill-dry-run', identical: isEmptyDiff(r.diff), counts, ...r }, null, 2)}\n`
}
