import { canonicalJson } from '../oracle/canonical.ts'

export interface KeyValue {
  key: string
  value: unknown
}

export interface KeyChange {
  key: string
  baseline: unknown
  candidate: unknown
}

/** The final state of two outputs compared key by key. Lists are sorted by key (numbers in keys compare as numbers). */
export interface KeyDiff {
  /** keys only the candidate (the new SUT) has */
  added: KeyValue[]
  /** keys only the baseline has */
  removed: KeyValue[]
  /** keys both have, with different values (compared as canonical JSON: member order does not matter) */
  changed: KeyChange[]
  unchanged: number
}

const collator = new Intl.Collator('en', { numeric: true })

/** Compare two last-value-per-key states. Pure. */
export function diffPerKey(baseline: ReadonlyMap<string, unknown>, candidate: ReadonlyMap<string, unknown>): KeyDiff {
  const diff: KeyDiff = { added: [], removed: [], changed: [], unchanged: 0 }
  for (const [key, before] of baseline) {
    if (!candidate.has(key)) {
      diff.removed.push({ key, value: before })
      continue
    }
    const after = candidate.get(key)
    if (canonicalJson(before) === canonicalJson(after)) diff.unchanged++
    else diff.changed.push({ key, baseline: before, candidate: after })
  }
  for (const [key, value] of candidate) if (!baseline.has(key)) diff.added.push({ key, value })
  const byKey = (a: { key: string }, b: { key: string }): number => collator.compare(a.key, b.key)
  diff.added.sort(byKey)
  diff.removed.sort(byKey)
  diff.changed.sort(byKey)
  return diff
}

/** True when the two states are the same per key. */
export function isEmptyDiff(diff: KeyDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0
}
