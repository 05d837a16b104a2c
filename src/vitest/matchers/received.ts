import type { CollectedRecord, CollectedTopic } from '../../collect/record.ts'

export function isCollectedTopic(v: unknown): v is CollectedTopic {
  return typeof v === 'object' && v !== null && Array.isArray((v as CollectedTopic).committed) && Array.isArray((v as CollectedTopic).uncommitted)
}

/** A matcher's subject: what collect() returned, or plain records (treated as committed). */
export function asCollected(v: unknown, matcher: string): CollectedTopic {
  if (isCollectedTopic(v)) return v
  if (Array.isArray(v)) return { topic: '(records)', committed: v as CollectedRecord[], uncommitted: v as CollectedRecord[] }
  throw new TypeError(`${matcher}: expect(...) takes what collect() returned (a CollectedTopic) or an array of records, got ${typeof v}`)
}
