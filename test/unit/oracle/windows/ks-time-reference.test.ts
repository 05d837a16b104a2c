import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { eventStreamArb } from '../../../../src/generate/index.ts'
import { makeAggregator } from '../../../../src/oracle/windows/aggregate.ts'
import type { Collected } from '../../../../src/oracle/windows/collect-windows.ts'
import type { ExpectedWindow } from '../../../../src/oracle/windows/expected-types.ts'
import { kafkaStreamsExpected } from '../../../../src/oracle/windows/ks-profile.ts'
import { checkWindowSpec, type WindowSpec } from '../../../../src/oracle/windows/spec.ts'
import type { ProduceOp } from '../../../../src/replay/plan.ts'
import type { StreamEvent } from '../../../../src/stream/event.ts'
import { referenceKsTimeProcessor } from './ks-time-reference.ts'

const specArb: fc.Arbitrary<WindowSpec> = fc.record({
  profile: fc.constant('kafka-streams' as const),
  window: fc.constantFrom<WindowSpec['window']>(
    { type: 'tumbling', size: 10_000 },
    { type: 'tumbling', size: 1_000 },
    { type: 'hopping', size: 10_000, advance: 5_000 },
    { type: 'hopping', size: 10_000, advance: 3_000 },
  ),
  grace: fc.constantFrom(0, 2_000, 7_000),
  aggregate: fc.constantFrom('count' as const, 'sum' as const, 'min' as const, 'max' as const),
  valuePath: fc.constant('value.amount'),
  emit: fc.constantFrom('updates' as const, 'final' as const, 'on-window-close' as const),
})

/** a spec and a stream aimed at its windows; `moved` sends some records to another partition (keys on several partitions) */
const caseArb = specArb.chain((spec) => {
  const w = spec.window as { size: number; advance?: number }
  const events = eventStreamArb({
    keys: 4,
    events: { min: 0, max: 80 },
    spanMs: 60_000,
    startTs: 1_700_000_000_000,
    disorderMs: 4_000,
    lateRate: 0.1,
    duplicateRate: 0.05,
    windowSizeMs: w.size,
    windowAdvanceMs: w.advance ?? w.size,
    graceMs: spec.grace ?? 0,
  })
  return fc.tuple(fc.constant(spec), events, fc.array(fc.boolean(), { maxLength: 80 }))
})

function toOps(events: readonly StreamEvent[], moved: readonly boolean[]): ProduceOp[] {
  return events.map((e, seq) => {
    const home = Number((e.key ?? 'k0').slice(1)) % 3
    return { kind: 'produce', seq, topic: 'in', partition: moved[seq] === true && seq % 5 === 0 ? (home + 1) % 3 : home, key: e.key, value: e.value, headers: {}, ts: e.ts, id: e.id ?? `e${seq}`, copy: 0 }
  })
}

/** everything a Collected says, records as seqs, maps in their order */
function shape(c: Collected) {
  const seqs = (ops: readonly ProduceOp[]) => ops.map((op) => op.seq)
  const window = (w: ExpectedWindow) => ({
    key: w.key,
    start: w.start,
    end: w.end,
    value: w.value,
    partition: w.partition,
    boundary: w.boundary === true,
    members: seqs(w.members),
    dropped: seqs(w.dropped),
    graceMembers: seqs(w.graceMembers),
  })
  const map = (m: ReadonlyMap<string, ExpectedWindow> | undefined) => (m === undefined ? undefined : [...m].map(([id, w]) => [id, window(w)]))
  return {
    windows: map(c.windows),
    unclosed: map(c.unclosed),
    lateOnly: map(c.lateOnly),
    tolerated: map(c.tolerated),
    lost: map(c.lost),
    late: c.late.map((l) => ({ ...l, op: l.op.seq })),
    notes: c.notes,
  }
}

describe('kafka-streams tumbling / hopping processor', () => {
  test('gives exactly the results of the reference processor (one Map, arrays of records) on generated streams', () => {
    fc.assert(
      fc.property(caseArb, ([spec, events, moved]) => {
        checkWindowSpec(spec)
        const ops = toOps(events, moved)
        const w = spec.window as { size: number; advance?: number }
        const fast = kafkaStreamsExpected(ops, spec, makeAggregator(spec))
        const reference = kafkaStreamsExpected(ops, spec, makeAggregator(spec), (_s, ctx) => referenceKsTimeProcessor(w.size, w.advance ?? w.size, ctx))
        expect(shape(fast)).toEqual(shape(reference))
      }),
      { numRuns: 300 },
    )
  })
})
