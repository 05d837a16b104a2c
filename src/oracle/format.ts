import type { CollectedRecord } from '../collect/record.ts'

/** `enriched[1]@42`: where an output record sits. */
export function position(r: CollectedRecord): string {
  return `${r.topic}[${r.partition}]@${r.offset}`
}

/** `a, b, c, … 7 more`: a list short enough for one message line. */
export function shortList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')}, … ${items.length - max} more`
}

/** Records in log order: by partition, then offset (offsets compared as integers, not text). */
export function byPartitionOffset(a: CollectedRecord, b: CollectedRecord): number {
  if (a.partition !== b.partition) return a.partition - b.partition
  return compareOffsets(a.offset, b.offset)
}

/** Compares two Kafka offsets given as decimal strings (no leading zeros), without parsing them. */
export function compareOffsets(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
