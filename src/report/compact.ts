/** One-line JSON of any value (bigint as a string, cycles marked), cut to `max` characters. */
export function compactJson(value: unknown, max = 160): string {
  return truncate(stringify(value), max)
}

export function truncate(text: string, max: number): string {
  const line = text.replace(/\s*\n\s*/g, ' ')
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`
}

/** `a, b, c and 4 more`. */
export function firstFew(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

/** `340ms`, `1.2s`, `2m 5s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)}s`
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}m ${s % 60}s`
}

function stringify(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(jsonSafe(value, new Set())) ?? String(value)
  } catch {
    return String(value)
  }
}

/** A copy JSON.stringify can take: bigint as text, a cycle back to an ancestor as `[circular]`. */
function jsonSafe(v: unknown, ancestors: Set<object>): unknown {
  if (typeof v === 'bigint') return v.toString()
  if (typeof v !== 'object' || v === null) return v
  if (ancestors.has(v)) return '[circular]'
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return v
  ancestors.add(v)
  const out = Array.isArray(v)
    ? v.map((x) => jsonSafe(x, ancestors))
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x, ancestors)]))
  ancestors.delete(v)
  return out
}

/**
 * Fixture lines, `file:line`, grouped by file: `orders.jsonl:3,4,5,6,7,8 and 2 more, late.jsonl:9`.
 * Entries that are not `file:line` are kept as they are.
 */
export function compactWhere(where: readonly string[], maxLinesPerFile = 6, maxFiles = 3): string {
  const files = new Map<string, string[]>()
  for (const w of where) {
    const m = /^(.*):(\d+)$/.exec(w)
    const [file, line] = m ? [m[1] ?? w, m[2] ?? ''] : [w, '']
    const lines = files.get(file) ?? []
    if (!files.has(file)) files.set(file, lines)
    if (line !== '' && !lines.includes(line)) lines.push(line)
  }
  const groups = [...files].map(([file, lines]) => {
    if (lines.length === 0) return file
    const more = lines.length > maxLinesPerFile ? ` and ${lines.length - maxLinesPerFile} more` : ''
    return `${file}:${lines.slice(0, maxLinesPerFile).join(',')}${more}`
  })
  const shown = groups.slice(0, maxFiles).join(', ')
  return groups.length > maxFiles ? `${shown} and ${groups.length - maxFiles} more files` : shown
}
