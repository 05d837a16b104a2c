import { expect, test } from 'vitest'
import type { Plan, PlanOp, ProduceOp } from '../../../src/replay/plan.ts'
import { evenly, timelineFromPlan } from '../../../src/result/timeline.ts'
import type { TimelineEvent } from '../../../src/result/scenario-result.ts'
import { plotData } from '../../../src/report/html/plot-data.ts'
import { result } from '../report/results.ts'

function produce(seq: number, partition: number, ts: number, over: Partial<ProduceOp> = {}): ProduceOp {
  return { kind: 'produce', seq, topic: 'orders', partition, key: null, value: {}, headers: {}, ts, id: `e${seq}`, copy: 0, ...over }
}

test('every op with its stream time per partition, faults kept, fixture lines as file:line', () => {
  const ops: PlanOp[] = [
    produce(0, 0, 100, { source: { file: 'o.jsonl', line: 1 } }),
    produce(1, 1, 50),
    produce(2, 0, 80, { late: true }),
    { kind: 'crash-sut', seq: 3 },
    produce(4, 0, 120, { id: 'e0', copy: 1 }),
    produce(5, 1, 40),
  ]
  const t = timelineFromPlan({ seed: 1, ops })
  expect(t.total).toBe(5)
  expect(t.points).toEqual([
    { kind: 'produce', seq: 0, topic: 'orders', partition: 0, ts: 100, streamTime: 100, id: 'e0', copy: 0, where: 'o.jsonl:1' },
    { kind: 'produce', seq: 1, topic: 'orders', partition: 1, ts: 50, streamTime: 50, id: 'e1', copy: 0 },
    { kind: 'produce', seq: 2, topic: 'orders', partition: 0, ts: 80, streamTime: 100, id: 'e2', copy: 0, late: true },
    { kind: 'crash-sut', seq: 3 },
    { kind: 'produce', seq: 4, topic: 'orders', partition: 0, ts: 120, streamTime: 120, id: 'e0', copy: 1 },
    { kind: 'produce', seq: 5, topic: 'orders', partition: 1, ts: 40, streamTime: 50, id: 'e5', copy: 0 },
  ])
})

test('stream time is per topic and partition, and ops out of seq order are put in order first', () => {
  const ops: PlanOp[] = [produce(1, 0, 10, { topic: 'b' }), produce(0, 0, 99, { topic: 'a' }), produce(2, 0, 5, { topic: 'b' })]
  const t = timelineFromPlan({ seed: 1, ops })
  expect(t.points.map((p) => [p.seq, (p as TimelineEvent).streamTime])).toEqual([[0, 99], [1, 10], [2, 10]])
})

test('past the cap: an even sample that keeps the named ids, then late events and copies, stream time from the whole plan', () => {
  const ops: PlanOp[] = []
  for (let i = 0; i < 1000; i++) ops.push(produce(i, i % 2, i === 500 ? 1_000_000 : i, i % 100 === 7 ? { late: true } : {}))
  ops.push({ kind: 'restart-broker', seq: 1000 })
  const plan: Plan = { seed: 1, ops }
  const t = timelineFromPlan(plan, { max: 100, keep: ['e3', 'e999'] })
  const events = t.points.filter((p): p is TimelineEvent => p.kind === 'produce')
  expect(t.total).toBe(1000)
  expect(events).toHaveLength(100)
  expect(t.points.filter((p) => p.kind === 'restart-broker')).toEqual([{ kind: 'restart-broker', seq: 1000 }])
  const ids = new Set(events.map((e) => e.id))
  expect(ids.has('e3') && ids.has('e999')).toBe(true)
  expect(events.filter((e) => e.late)).toHaveLength(10)
  // in seq order, no point twice
  expect(events.map((e) => e.seq)).toEqual([...new Set(events.map((e) => e.seq))].sort((a, b) => a - b))
  // the spike at seq 500 (partition 0) raises the stream time of every later partition-0 event, sampled or not
  const after = events.filter((e) => e.partition === 0 && e.seq > 500)
  expect(after.length).toBeGreaterThan(0)
  expect(after.every((e) => e.streamTime === 1_000_000)).toBe(true)
  // the rest is spread over the whole plan, not bunched at the start
  expect(Math.max(...events.filter((e) => !e.late && e.id !== 'e999').map((e) => e.seq))).toBeGreaterThan(950)
})

test('a tier that needs less than its share leaves the rest to the others', () => {
  const ops: PlanOp[] = Array.from({ length: 50 }, (_, i) => produce(i, 0, i, { late: true }))
  ops.push(...Array.from({ length: 50 }, (_, i) => produce(50 + i, 0, i)))
  const t = timelineFromPlan({ seed: 1, ops }, { max: 80 })
  const events = t.points as TimelineEvent[]
  expect(events).toHaveLength(80)
  expect(events.filter((e) => e.late)).toHaveLength(40)
  expect(events.filter((e) => !e.late)).toHaveLength(40)
})

test('evenly picks k spread from the first', () => {
  expect(evenly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8])
  expect(evenly([1, 2], 5)).toEqual([1, 2])
  expect(evenly([1, 2], 0)).toEqual([])
})

test('records an oracle judged late are marked and sampled with the late ones, whatever the perturbation did', () => {
  const ops: PlanOp[] = Array.from({ length: 100 }, (_, i) => produce(i, 0, i, i === 3 ? { late: true } : {}))
  const t = timelineFromPlan({ seed: 1, ops }, { judgedLate: [3, 40, 77] })
  const marks = (t.points as TimelineEvent[]).filter((e) => e.late || e.judgedLate).map((e) => [e.seq, e.late ?? false, e.judgedLate ?? false])
  expect(marks).toEqual([[3, true, true], [40, false, true], [77, false, true]])
  // a sample of 10: the judged-late records are in the second tier, kept before the rest
  const sampled = timelineFromPlan({ seed: 1, ops }, { judgedLate: [40, 77], max: 10 })
  expect((sampled.points as TimelineEvent[]).filter((e) => e.judgedLate).map((e) => e.seq)).toEqual([40, 77])
})

test('broker and network faults become bands from their step to where the replay was when they ended; SUT faults stay lines', () => {
  const ops: PlanOp[] = [produce(0, 0, 1), produce(1, 0, 2), { kind: 'kill-broker', seq: 2 }, produce(3, 0, 3), { kind: 'network', seq: 4 }, produce(5, 0, 4), produce(6, 0, 5)]
  const r = result({
    timeline: timelineFromPlan({ seed: 1, ops }),
    crashes: [
      { kind: 'kill-broker', afterSeq: 1, outputsAtKill: 0, broker: { id: 2, role: 'leader of out/0' }, untilSeq: 5, downMs: 4000 },
      { kind: 'network', afterSeq: 3, outputsAtKill: 0, network: 'delay 300 ms' },
      { kind: 'crash-sut', afterSeq: 5, outputsAtKill: 1 },
    ],
  })
  const d = plotData(r, 0)
  expect(d?.bands).toEqual([
    { from: 1, to: 5, label: 'broker 2 down' },
    // still on when the replay ended: the band reaches the plot's end
    { from: 3, to: 6, label: 'network delay 300 ms' },
  ])
  expect(d?.crashes).toEqual([{ afterSeq: 5, outputsAtKill: 1 }])
})
