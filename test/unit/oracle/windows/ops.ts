import type { CollectedRecord } from '../../../../src/collect/record.ts'
import type { ProduceOp } from '../../../../src/replay/plan.ts'

/** Builds produce ops in plan order: `plan(['a', 3], ['b', 12, { partition: 1 }])` → ids e0, e1, … */
export function plan(...rows: [key: string | null, ts: number, opts?: { partition?: number; amount?: number; value?: unknown }][]): ProduceOp[] {
  return rows.map(([key, ts, o = {}], seq) => ({
    kind: 'produce',
    seq,
    topic: 'in',
    partition: o.partition ?? 0,
    key,
    value: 'value' in o ? o.value : { amount: o.amount ?? 1 },
    headers: {},
    ts,
    id: `e${seq}`,
    copy: 0,
    source: { file: 'in.jsonl', line: seq + 1 },
  }))
}

/** Output records as a SUT writes them: `{ key, start, end, value }` in the record value. */
export function outputs(...rows: [key: string, start: number, end: number, value: unknown, partition?: number][]): CollectedRecord[] {
  return rows.map(([key, start, end, value, partition = 0], i) => ({
    topic: 'out',
    partition,
    offset: String(i),
    key,
    value: { key, start, end, value },
    headers: {},
    ts: 0,
  }))
}

export const mapping = { key: 'value.key', start: 'value.start', end: 'value.end', value: 'value.value' }

/** `{ '["k",0,10]': 3 }` from an expected window map */
export function values(m: ReadonlyMap<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries([...m].map(([id, w]) => [id, w.value]))
}
