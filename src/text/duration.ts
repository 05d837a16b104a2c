const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/

/** `'300ms'`, `'5s'`, `'10m'`, `'1h'`, `'2d'`, or a number of milliseconds; undefined when not a duration. */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined
  if (typeof v !== 'string') return undefined
  const m = DURATION.exec(v)
  if (!m) return undefined
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? 'ms'] ?? 1) * 1000) / 1000
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/

/** `'50%'` -> 0.5; undefined unless a percent from 0% to 100%. */
export function parsePercent(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined
  const m = PERCENT.exec(v)
  if (!m) return undefined
  const n = Number(m[1])
  return n <= 100 ? n / 100 : undefined
}
