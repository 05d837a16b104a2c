/**
 * Canonical JSON: object keys sorted at every depth, so that two values that mean the same thing print
 * the same text. Used to compare values and rows (idempotency, exactly-once ids) independent of key order.
 * bigint prints as its decimal string, Date as its ISO text, Uint8Array as base64; undefined object
 * members are dropped as JSON.stringify drops them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? 'undefined'
}

function canonicalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : value
  }
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalize(v)))
  if (value instanceof Map) return canonicalize(Object.fromEntries(value))
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k]
    if (v !== undefined) out[k] = canonicalize(v)
  }
  return out
}
