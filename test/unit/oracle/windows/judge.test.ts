import { describe, expect, test } from 'vitest'
import type { CollectedRecord } from '../../../../src/collect/record.ts'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { mapping, outputs, plan } from './ops.ts'

const spec = (emit: WindowSpec['emit'] = 'updates'): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'tumbling', size: 10 },
  grace: 5,
  aggregate: 'count',
  emit,
})

// [0,10): e0 e1 e3 (e3 on time thanks to grace; e5 dropped at S 17 >= 10 + 5), [10,20): e2 e4, [20,30): e6 e7;
// j's only record e8 arrives at S 25: dropped, its window is late-only
const input = plan(['k', 1], ['k', 4], ['k', 12], ['k', 8], ['k', 17], ['k', 9], ['k', 25], ['k', 20], ['j', 3])

const correct = outputs(['k', 0, 10, 1], ['k', 0, 10, 2], ['k', 10, 20, 1], ['k', 0, 10, 3], ['k', 10, 20, 2], ['k', 20, 30, 1], ['k', 20, 30, 2])

const judge = (out: CollectedRecord[], s: WindowSpec = spec()) => judgeWindows(expectedWindows(input, s), out, mapping)
const kinds = (out: CollectedRecord[], s?: WindowSpec) => judge(out, s).violations.map((v) => [v.kind, v.ids])

describe('judgeWindows, kafka-streams tumbling 10 with grace 5, emit updates', () => {
  test('passes on the correct output, comparing only the last update per window', () => {
    expect(judge(correct).violations).toEqual([])
  })

  test('fails when the last update is wrong even though an earlier one was right', () => {
    expect(kinds([...correct, ...outputs(['k', 20, 30, 7])].map((r, i) => ({ ...r, offset: String(i) })))).toEqual([
      ['wrong-value', ['e6', 'e7']],
    ])
  })

  test('grace ignored: the record kept only by grace is missing → late-dropped, naming it', () => {
    const r = judge(outputs(['k', 0, 10, 2], ['k', 10, 20, 2], ['k', 20, 30, 2]))
    expect(r.violations.map((v) => [v.kind, v.ids, v.where, v.expected, v.actual])).toEqual([
      ['late-dropped', ['e3'], ['in.jsonl:4'], 3, 2],
    ])
  })

  test('late records counted anyway → late-included, naming the dropped records', () => {
    expect(kinds(outputs(['k', 0, 10, 4], ['k', 10, 20, 2], ['k', 20, 30, 2], ['j', 0, 10, 1]))).toEqual([
      ['late-included', ['e5']],
      ['late-included', ['e8']],
    ])
  })

  test('end-inclusive windows: a record at ts = end counted in the earlier window → wrong-value', () => {
    expect(kinds(outputs(['k', 0, 10, 3], ['k', 10, 20, 3], ['k', 20, 30, 2]))).toEqual([['wrong-value', ['e2', 'e4']]])
  })

  test('processing-time windows: every count lands in one wall-clock window → missing and extra windows', () => {
    const r = judge(outputs(['k', 1_700_000_000_000, 1_700_000_000_010, 8], ['j', 1_700_000_000_000, 1_700_000_000_010, 1]))
    expect(r.violations.map((v) => v.kind)).toEqual(['missing-window', 'missing-window', 'missing-window', 'extra-window', 'extra-window'])
    expect(r.violations[0]?.ids).toEqual(['e0', 'e1', 'e3'])
  })

  test('a window that is not emitted at all, or whose last record is a tombstone → missing-window', () => {
    expect(kinds(outputs(['k', 0, 10, 3], ['k', 10, 20, 2]))).toEqual([['missing-window', ['e6', 'e7']]])
    const tomb: CollectedRecord = { topic: 'out', partition: 0, offset: '9', key: 'k', value: null, headers: {}, ts: 0 }
    const byFn = judgeWindows(expectedWindows(input, spec()), [...correct, tomb], (r) =>
      r.value === null ? { key: 'k', start: 20, end: 30, value: undefined } : (r.value as { key: string; start: number; end: number; value: unknown }),
    )
    expect(byFn.violations.map((v) => v.kind)).toEqual(['missing-window'])
  })

  test('a window no correct engine emits → extra-window naming the records in its range', () => {
    const r = judge([...correct, ...outputs(['k', 5, 15, 2])].map((x, i) => ({ ...x, offset: String(i) })))
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([['extra-window', ['e2', 'e3', 'e5']]])
  })

  test('outputs that the mapping cannot read are a note, not a violation', () => {
    const junk: CollectedRecord = { topic: 'out', partition: 0, offset: '99', key: 'k', value: { nope: 1 }, headers: {}, ts: 0 }
    const r = judge([...correct, junk])
    expect(r.violations).toEqual([])
    expect(r.notes.map((n) => n.kind)).toContain('unmapped-output')
  })
})

describe('judgeWindows, emit final', () => {
  // S ends at 25: [0,10) closed (25 >= 15), [10,20) closed (25 >= 25), [20,30) open
  test('passes with one result per closed window and nothing for open ones', () => {
    const r = judge(outputs(['k', 0, 10, 3], ['k', 10, 20, 2]), spec('final'))
    expect(r.violations).toEqual([])
    expect(r.notes.map((n) => n.kind)).toContain('window-not-closed')
  })

  test('a window emitted twice, or emitted before it closed, is an extra-window', () => {
    const r = judge(outputs(['k', 0, 10, 3], ['k', 0, 10, 3], ['k', 10, 20, 2], ['k', 20, 30, 2]), spec('final'))
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([
      ['extra-window', ['e0', 'e1', 'e3']],
      ['extra-window', ['e6', 'e7']],
    ])
    expect(r.violations[1]?.message).toContain('never closed')
  })
})

describe('judgeWindows, flink', () => {
  const flinkSpec: WindowSpec = {
    profile: 'flink',
    window: { type: 'tumbling', size: 10 },
    aggregate: 'sum',
    valuePath: 'value.amount',
    emit: 'updates',
    flink: { maxOutOfOrdernessMs: 0, bounded: true },
  }
  const flinkInput = plan(['k', 10, { amount: 1 }], ['k', 5, { amount: 2 }], ['k', 25, { amount: 4 }])

  test('indeterminate windows are not judged, whatever the output says; determined ones are', () => {
    const e = expectedWindows(flinkInput, flinkSpec)
    expect(e.indeterminate.map((w) => [w.start, w.valueIfAllAccepted])).toEqual([[0, 2]])
    expect(judgeWindows(e, outputs(['k', 0, 10, 99], ['k', 10, 20, 1], ['k', 20, 30, 4]), mapping).violations).toEqual([])
    const wrong = judgeWindows(e, outputs(['k', 10, 20, 1], ['k', 20, 30, 5]), mapping)
    expect(wrong.violations.map((v) => [v.kind, v.ids, v.expected, v.actual])).toEqual([['wrong-value', ['e2'], 4, 5]])
    expect(wrong.notes.map((n) => n.kind)).toContain('indeterminate')
  })
})

test('the result names the plan positions of the records a correct engine drops as late (for the report timeline)', () => {
  // e5 (ts 9 at S 17 >= 10 + 5) and e8 (j's ts 3 at S 25): seqs 5 and 8; e3 is late but kept thanks to grace
  expect(judge(correct).judgedLate).toEqual([5, 8])
})
