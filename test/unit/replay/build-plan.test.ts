import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { applyPerturbations, parsePerturbSpec } from '../../../src/perturb/spec.ts'
import { deriveSeed } from '../../../src/perturb/rng.ts'
import type { Step } from '../../../src/perturb/step.ts'
import { buildPlan, type PlanInput } from '../../../src/replay/build-plan.ts'
import { partitionFor } from '../../../src/replay/partitioner.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'

const event = (ts: number, key: string | null = 'k', extra: Partial<StreamEvent> = {}): StreamEvent => ({ key, value: { ts }, headers: {}, ts, ...extra })
const produces = (ops: readonly unknown[]) => ops.filter((o): o is ProduceOp => (o as ProduceOp).kind === 'produce')

describe('buildPlan', () => {
  test('one input, no perturbation: ids, st-id header, seq, partitions, source', () => {
    const plan = buildPlan(
      [{
        topic: 'orders',
        partitions: 3,
        events: [
          event(10, 'a', { id: 'x', headers: { h: '1' }, source: { file: 'o.jsonl', line: 1 } }),
          event(20, null),
          event(30, 'b', { partition: 2 }),
          event(40, null),
        ],
        idOf: (e) => (e.ts === 30 ? 'from-path' : undefined),
      }],
      [],
      7,
    )
    expect(plan).toEqual({
      seed: 7,
      ops: [
        { kind: 'produce', seq: 0, topic: 'orders', partition: partitionFor('a', 3), key: 'a', value: { ts: 10 }, headers: { h: '1', 'st-id': 'x' }, ts: 10, id: 'x', copy: 0, source: { file: 'o.jsonl', line: 1 } },
        { kind: 'produce', seq: 1, topic: 'orders', partition: 0, key: null, value: { ts: 20 }, headers: { 'st-id': 'orders-1' }, ts: 20, id: 'orders-1', copy: 0 },
        { kind: 'produce', seq: 2, topic: 'orders', partition: 2, key: 'b', value: { ts: 30 }, headers: { 'st-id': 'from-path' }, ts: 30, id: 'from-path', copy: 0 },
        { kind: 'produce', seq: 3, topic: 'orders', partition: 1, key: null, value: { ts: 40 }, headers: { 'st-id': 'orders-3' }, ts: 40, id: 'orders-3', copy: 0 },
      ],
    })
  })

  test('several inputs interleave by ts, stably, each keeping its own order; keyless round robin is per topic', () => {
    const plan = buildPlan(
      [
        { topic: 'a', partitions: 2, events: [event(1, null), event(5, null), event(3, null)] },
        { topic: 'b', partitions: 2, events: [event(1, null), event(4, null)] },
        { topic: 'a', partitions: 2, events: [event(2, null)] },
      ],
      [],
      1,
    )
    expect(produces(plan.ops).map((o) => `${o.id}@${o.ts}/p${o.partition}`)).toEqual([
      'a-0@1/p0', 'b-0@1/p0', 'a-3@2/p1', 'b-1@4/p1', 'a-1@5/p0', 'a-2@3/p1',
    ])
  })

  test('stream perturbations run per input with the derived seed; faults count ops of all inputs', () => {
    const events = Array.from({ length: 20 }, (_, i) => event(i * 10, `k${i % 4}`))
    const specs = parsePerturbSpec('reorder:within=50,duplicate:rate=0.3,crash-sut:at=21')
    const plan = buildPlan([{ topic: 't', partitions: 4, events }], specs, 99)
    const steps: Step[] = events.map((e, i) => ({ kind: 'event', event: e, id: `t-${i}`, copy: 0 }))
    const expected = applyPerturbations(steps, specs.slice(0, 2), deriveSeed(99, 'input:0'))
    const ops = produces(plan.ops)
    expect(ops.map((o) => `${o.id}#${o.copy}`)).toEqual(expected.map((s) => (s.kind === 'event' ? `${s.id}#${s.copy}` : '')))
    expect(plan.ops.filter((o) => o.kind === 'crash-sut')).toEqual([{ kind: 'crash-sut', seq: 21 }])
    plan.ops.forEach((o, i) => expect(o.seq).toBe(i))
    for (const o of ops) expect(o.partition).toBe(partitionFor(o.key, 4))
  })

  test('one crash for the whole plan, not one per input', () => {
    const plan = buildPlan(
      [
        { topic: 'a', partitions: 1, events: [event(1), event(3)] },
        { topic: 'b', partitions: 1, events: [event(2), event(4)] },
      ],
      parsePerturbSpec('crash-sut:after=50%'),
      3,
    )
    expect(plan.ops.map((o) => (o.kind === 'produce' ? o.id : o.kind))).toEqual(['a-0', 'b-0', 'crash-sut', 'a-1', 'b-1'])
  })

  test('copies keep the id and carry it in st-id; late events are marked', () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i * 1000))
    const plan = buildPlan([{ topic: 't', partitions: 1, events }], parsePerturbSpec('late:rate=0.2:by=2s,replay'), 5)
    const ops = produces(plan.ops)
    expect(ops.length).toBe(20)
    expect(ops.filter((o) => o.copy === 1).map((o) => o.id).sort()).toEqual(events.map((_, i) => `t-${i}`).sort())
    for (const o of ops) expect(o.headers['st-id']).toBe(o.id)
    expect(ops.filter((o) => o.copy === 0 && o.late).length).toBe(2)
  })

  test('the plan is byte-identical for the same input and seed, survives JSON, and changes with the seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ts: fc.integer({ min: 0, max: 10_000 }), key: fc.constantFrom('a', 'b', 'c', null) }), { maxLength: 40 }),
        fc.integer(),
        (raw, seed) => {
          const inputs: PlanInput[] = [
            { topic: 'x', partitions: 3, events: raw.map((r) => event(r.ts, r.key)) },
            { topic: 'y', partitions: 2, events: raw.slice(0, 5).map((r) => event(r.ts + 1, r.key)) },
          ]
          const specs = parsePerturbSpec('reorder:within=2s,duplicate:rate=0.2:copies=2,late:rate=0.1:by=1s,burst:size=2,crash-sut')
          const plan = buildPlan(inputs, specs, seed)
          const text = JSON.stringify(plan)
          expect(JSON.stringify(buildPlan(inputs, specs, seed))).toBe(text)
          expect(JSON.parse(text)).toEqual(plan)
        },
      ),
      { numRuns: 100 },
    )
    const inputs = [{ topic: 't', partitions: 3, events: Array.from({ length: 30 }, (_, i) => event(i)) }]
    const specs = parsePerturbSpec('reorder:within=20')
    expect(JSON.stringify(buildPlan(inputs, specs, 1))).not.toBe(JSON.stringify(buildPlan(inputs, specs, 2)))
  })

  test('bad input: pinned partition out of range, bad partition count, topics that disagree, ts not a number', () => {
    const pinned = () => buildPlan([{ topic: 't', partitions: 3, events: [event(1), event(2, 'k', { partition: 3, source: { file: 'f.jsonl', line: 2 } })] }], [], 1)
    expect(pinned).toThrow(InputError)
    expect(pinned).toThrow('f.jsonl:2: pinned partition does not exist in topic t; at input[0].events[1].partition; expected a partition from 0 to 2 (topic t has 3); found 3')
    expect(() => buildPlan([{ topic: 't', partitions: 0, events: [] }], [], 1)).toThrow(/input\[0\]\.partitions/)
    expect(() => buildPlan([{ topic: 't', partitions: 2, events: [] }, { topic: 't', partitions: 3, events: [] }], [], 1)).toThrow(/disagree/)
    expect(() => buildPlan([{ topic: 't', partitions: 1, events: [event(Number.NaN)] }], [], 1)).toThrow(/events\[0\]\.ts/)
  })
})
