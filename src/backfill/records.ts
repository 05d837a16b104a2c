import type { CollectedRecord } from '../collect/record.ts'
import type { StreamEvent } from '../stream/event.ts'
import { mergeEventsByTs } from '../stream/merge-by-time.ts'

/**
 * A recorded output fixture as the records of a topic: each event keeps its pinned partition (else 0)
 * and gets its position within that partition as offset, so the fixture's order is the log order.
 */
export function fixtureRecords(events: readonly StreamEvent[], topic: string): CollectedRecord[] {
  const next = new Map<number, number>()
  return events.map((e) => {
    const partition = e.partition ?? 0
    const offset = next.get(partition) ?? 0
    next.set(partition, offset + 1)
    return { topic, partition, offset: String(offset), key: e.key, value: e.value, headers: e.headers, ts: e.ts }
  })
}

/** Records read from a source topic as input events, each pinned to the partition it was read from. */
export function recordEvents(records: readonly CollectedRecord[]): StreamEvent[] {
  return records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, ts: r.ts, partition: r.partition }))
}

/**
 * One arrival order across partitions: each partition keeps its offset order, and at each point the
 * partition whose next event has the smallest timestamp goes first (ties: the lower partition).
 */
export function mergeByTs(events: readonly StreamEvent[]): StreamEvent[] {
  const lists = new Map<number, StreamEvent[]>()
  for (const e of events) {
    const p = e.partition ?? 0
    let l = lists.get(p)
    if (l === undefined) lists.set(p, (l = []))
    l.push(e)
  }
  return mergeEventsByTs([...lists.keys()].sort((a, b) => a - b).map((p) => lists.get(p) as StreamEvent[]))
}
