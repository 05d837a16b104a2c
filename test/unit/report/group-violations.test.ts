import { describe, expect, test } from 'vitest'
import type { Violation } from '../../../src/oracle/violation.ts'
import { faultName, groupHeading, groupViolations } from '../../../src/report/group-violations.ts'
import { timelineFromPlan } from '../../../src/result/timeline.ts'
import type { PlanOp } from '../../../src/replay/plan.ts'
import { crashDuplicates, duplicated, lost, result } from './results.ts'

/** Inputs e-0..e-(n-1) at seqs 0.., with fault steps at the given seqs (each shifts the later inputs by one). */
function timeline(n: number, faultSeqs: number[] = []) {
  const ops: PlanOp[] = []
  let seq = 0
  for (let i = 0; i < n; i++) {
    while (faultSeqs.includes(seq)) ops.push({ kind: 'crash-sut', seq: seq++ })
    ops.push({ kind: 'produce', seq: seq++, topic: 't', partition: 0, key: null, value: null, headers: {}, ts: i, id: `e-${i}`, copy: 0 })
  }
  return timelineFromPlan({ seed: 1, ops })
}

const dup = (id: string, count = 2): Violation => ({ ...duplicated, ids: [id], actual: { count }, message: `${id} delivered ${count} times` })
const kill = (afterSeq: number) => ({ kind: 'crash-sut' as const, afterSeq, outputsAtKill: 3, downMs: 100 })

describe('groupViolations', () => {
  test('the crash scenario: 300 duplicated before the kill in one group, the lost one after it in another', () => {
    const groups = groupViolations(crashDuplicates())
    expect(groups.map(groupHeading)).toEqual([
      '300 × duplicated — every input produced before the kill and restart of the SUT after event 299 (seq 0–299, input-0 … input-299) was delivered 2 times, expected 1',
      '1 × lost — input-450, produced after the kill and restart of the SUT after event 299 (seq 451), delivered 0 times, expected 1',
    ])
    // indices point into the JSON report's violations, in order (the lost one sits at 150)
    expect(groups[0]?.indices.slice(148, 152)).toEqual([148, 149, 151, 152])
    expect(groups[1]?.indices).toEqual([150])
  })

  test('not every input of the stretch: the count, not "every"', () => {
    const r = result({ violations: [dup('e-1'), dup('e-3')], crashes: [kill(4)], timeline: timeline(8, [5]) })
    expect(groupViolations(r).map(groupHeading)).toEqual([
      '2 × duplicated — 2 inputs produced before the kill and restart of the SUT after event 4 (seq 1–3, e-1 … e-3), each delivered 2 times, expected 1',
    ])
  })

  test('the same kind on both sides of a fault, and between two faults: one group per stretch', () => {
    const r = result({ violations: [dup('e-0'), dup('e-5'), dup('e-1'), dup('e-8')], crashes: [kill(6), kill(2)], timeline: timeline(9, [3, 7]) })
    const groups = groupViolations(r)
    expect(groups.map((g) => g.indices)).toEqual([[0, 2], [1], [3]])
    expect(groups.map((g) => g.cause)).toEqual([
      '2 inputs produced before the kill and restart of the SUT after event 2 (seq 0–1, e-0 … e-1), each delivered 2 times, expected 1',
      'e-5, produced after the kill and restart of the SUT after event 2 and before the kill and restart of the SUT after event 6 (seq 6), delivered 2 times, expected 1',
      'e-8, produced after the kill and restart of the SUT after event 6 (seq 10), delivered 2 times, expected 1',
    ])
  })

  test('a violation whose ids straddle a fault says so', () => {
    const straddle: Violation = { ...lost, ids: ['e-1', 'e-5'], actual: { count: 0 } }
    const [g] = groupViolations(result({ violations: [straddle], crashes: [kill(3)], timeline: timeline(6, [4]) }))
    expect(g?.cause).toBe('2 inputs produced on both sides of the kill and restart of the SUT after event 3 (seq 1–6, e-1 … e-5), each delivered 0 times, expected 1')
  })

  test('different counts: no delivery clause; no timeline: ids only, no claim about faults', () => {
    const r = result({ violations: [dup('o-1', 2), dup('o-2', 3), lost], crashes: [kill(4)] })
    expect(groupViolations(r).map(groupHeading)).toEqual([
      '2 × duplicated — 2 ids (o-1 … o-2)',
      '1 × lost — 8 ids (o-3 … o-10), each delivered 0 times, expected 1',
    ])
  })

  test('no fault: the range alone; "every" needs a complete timeline', () => {
    const all = result({ violations: [dup('e-0'), dup('e-1')], timeline: timeline(2) })
    expect(groupViolations(all)[0]?.cause).toBe('every input produced (seq 0–1, e-0 … e-1) was delivered 2 times, expected 1')
    const sampled = result({ violations: [dup('e-0'), dup('e-1')], timeline: { ...timeline(2), total: 5 } })
    expect(groupViolations(sampled)[0]?.cause).toBe('2 inputs produced (seq 0–1, e-0 … e-1), each delivered 2 times, expected 1')
  })

  test('a violation without ids gets a heading without a cause; oracles are grouped apart', () => {
    const unexpected: Violation = { oracle: 'exactly-once', kind: 'unexpected', ids: [], where: [], message: '2 output(s) carry no id' }
    const other: Violation = { ...dup('e-0'), oracle: 'windows' }
    const groups = groupViolations(result({ violations: [unexpected, dup('e-0'), other] }))
    expect(groups.map((g) => [g.oracle, g.kind, g.indices])).toEqual([['exactly-once', 'unexpected', [0]], ['exactly-once', 'duplicated', [1]], ['windows', 'duplicated', [2]]])
    expect(groupHeading(groups[0]!)).toBe('1 × unexpected')
  })
})

test('faultName names each kind of fault step by what the record carries', () => {
  expect(faultName({ kind: 'crash-sut', afterSeq: 9, outputsAtKill: 0 })).toBe('the kill of the SUT after event 9')
  expect(faultName({ kind: 'crash-sut', afterSeq: 9, outputsAtKill: 0, instance: 1, downMs: 5 })).toBe('the kill and restart of SUT instance 1 after event 9')
  expect(faultName({ kind: 'kill-broker', afterSeq: 3, outputsAtKill: 0, broker: { id: 2 } })).toBe('the kill of broker 2 after event 3')
  expect(faultName({ kind: 'network', afterSeq: 3, outputsAtKill: 0, network: 'delay 300 ms' })).toBe('the network fault (delay 300 ms) after event 3')
})
