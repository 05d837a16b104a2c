import type { CollectedRecord, CollectedTopic } from '../../../src/collect/record.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'

/** An input produce op for `id`, from fixture line `seq + 1` of orders.jsonl unless told otherwise. */
export function op(seq: number, id: string, key: string | null = 'k', over: Partial<ProduceOp> = {}): ProduceOp {
  return {
    kind: 'produce', seq, topic: 'orders', partition: 0, key, value: { orderId: id }, headers: { 'st-id': id },
    ts: 1000 + seq, id, copy: 0, source: { file: 'orders.jsonl', line: seq + 1 }, ...over,
  }
}

/** An output record on `enriched` carrying `id` in its st-id header (no header when id is undefined). */
export function out(partition: number, offset: number, id: string | undefined, key: string | null = 'k'): CollectedRecord {
  return {
    topic: 'enriched', partition, offset: String(offset), key, value: { orderId: id ?? null },
    headers: id === undefined ? {} : { 'st-id': id }, ts: 2000 + offset,
  }
}

/** An output topic where read_uncommitted = read_committed + `aborted`. */
export function topic(committed: CollectedRecord[], aborted: CollectedRecord[] = []): CollectedTopic {
  return { topic: 'enriched', committed, uncommitted: [...committed, ...aborted] }
}
