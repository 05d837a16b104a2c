import type { Admin } from 'kafkajs'
import { InputError } from '../errors.ts'
import { topicRange, type PartitionRange } from '../stream/record-topic.ts'

/**
 * One end of a source range: a point in time (record timestamps, as `stream-test record` reads them),
 * or an offset in every partition (`offset:1200`) or per partition (`offset:0=1200,1=950`).
 */
export type RangeBound = { kind: 'time'; ms: number } | { kind: 'offset'; every?: number; partitions: ReadonlyMap<number, number> }

const EXPECTED = 'epoch ms, an ISO 8601 time (2024-05-31T12:00:00Z), offset:<n> (every partition) or offset:<p>=<n>,<p>=<n>'

/** `--from` / `--to` as typed; an InputError naming the flag when it is neither a time nor offsets. */
export function parseRangeBound(value: string, flag: string): RangeBound {
  const text = value.trim()
  if (text.startsWith('offset:')) {
    const body = text.slice('offset:'.length)
    if (/^\d+$/.test(body)) return { kind: 'offset', every: Number(body), partitions: new Map() }
    const partitions = new Map<number, number>()
    for (const part of body.split(',')) {
      const m = /^(\d+)=(\d+)$/.exec(part.trim())
      if (!m) throw new InputError(`bad ${flag} "${text}"`, { expected: EXPECTED, found: part })
      partitions.set(Number(m[1]), Number(m[2]))
    }
    return { kind: 'offset', partitions }
  }
  const ms = /^\d+$/.test(text) ? Number(text) : /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN
  if (!Number.isSafeInteger(ms)) throw new InputError(`bad ${flag} "${text}"`, { expected: EXPECTED })
  return { kind: 'time', ms }
}

function offsetOf(bound: RangeBound | undefined, partition: number): number | undefined {
  if (bound?.kind !== 'offset') return undefined
  return bound.partitions.get(partition) ?? bound.every
}

/**
 * The offsets to read, snapshotted now: the time bounds resolved as `stream-test record` does
 * (offsetsForTimes), then the offset bounds applied: `from` is the first offset read, `to` the last
 * (both inclusive), clamped to what the partition holds. Reads metadata only; creates nothing.
 */
export async function resolveRange(admin: Admin, topic: string, from?: RangeBound, to?: RangeBound): Promise<PartitionRange[]> {
  const ranges = await topicRange(admin, topic, {
    ...(from?.kind === 'time' ? { from: from.ms } : {}),
    ...(to?.kind === 'time' ? { to: to.ms } : {}),
  })
  return ranges.map((r) => {
    const first = offsetOf(from, r.partition)
    const last = offsetOf(to, r.partition)
    const start = first === undefined ? r.start : Math.max(r.start, first)
    const end = last === undefined ? r.end : Math.min(r.end, last + 1)
    return { partition: r.partition, start, end: Math.max(start, end) }
  })
}
