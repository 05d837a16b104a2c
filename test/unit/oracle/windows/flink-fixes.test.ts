import { describe, expect, test } from 'vitest'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { FlinkOptions, WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { mapping, outputs, plan, values } from './ops.ts'

// The disagreements of the real Flink 2.2.1 job with the flink profile (docs/windows-verification.md,
// "Flink", F1 and F2), each reduced from the generated stream that showed it.
const sessions = (gap: number, flink: FlinkOptions): WindowSpec => ({ profile: 'flink', window: { type: 'session', gap }, aggregate: 'count', emit: 'updates', flink })
const kinds = (e: ReturnType<typeof expectedWindows>, ...rows: Parameters<typeof outputs>) => judgeWindows(e, outputs(...rows), mapping).violations.map((v) => v.kind)

describe('F1: a session that fired keeps its result when a late-but-allowed record merges it into a larger one', () => {
  // gap 5, d 0, allowedLateness 3, a watermark on every event, one partition (exact):
  // a@10 -> [10,15); b@15: WM 14 fires a[10,15) = 1; a@8 (late but allowed: 14 + 3 > 14) merges into
  // [8,15), which fires at once = 2. Flink retracts nothing: a[10,15) = 1 stays in the output.
  // (Stream 1 of session/lateness-2s: k3 [28622,31622) = 1, then [27735,31622) = 2.)
  const e = expectedWindows(plan(['a', 10], ['b', 15], ['a', 8]), sessions(5, { maxOutOfOrdernessMs: 0, allowedLatenessMs: 3, watermarks: 'punctuated', bounded: true }))

  test('the superseded session is expected, with its last result', () => {
    expect(values(e.windows)).toEqual({ '["a",10,15]': 1, '["a",8,15]': 2, '["b",15,20]': 1 })
    expect(e.indeterminate).toEqual([])
  })

  test("the job's output passes; a wrong or missing superseded result does not", () => {
    expect(kinds(e, ['a', 10, 15, 1], ['a', 8, 15, 2], ['b', 15, 20, 1])).toEqual([])
    expect(kinds(e, ['a', 10, 15, 2], ['a', 8, 15, 2], ['b', 15, 20, 1])).toEqual(['wrong-value'])
    expect(kinds(e, ['a', 8, 15, 2], ['b', 15, 20, 1])).toEqual(['missing-window'])
  })

  test('with allowedLateness 0 a fired session is purged at once: nothing is superseded, the record is dropped', () => {
    const strict = expectedWindows(plan(['a', 10], ['b', 15], ['a', 8]), sessions(5, { maxOutOfOrdernessMs: 0, watermarks: 'punctuated', bounded: true }))
    expect(values(strict.windows)).toEqual({ '["a",10,15]': 1, '["b",15,20]': 1 })
  })
})

describe('F2: when a session may have been purged, the job may have built finer sessions inside the indeterminate one', () => {
  // two partitions, d 0, allowedLateness 0: a@0 on p0 -> [0,5); x@6 on p0 and y@6 on p1. When a@5 arrives
  // on p0 and touches [0,5), the watermark is 5 if p1 was read already (then [0,5) fired and was purged:
  // a@5 starts [5,10), a@7 makes it [5,12) = 2) or MIN if not (merged [0,10), then [0,12) = 3).
  // (Stream 2 of session/lateness-0s, 2 partitions: k3 [72142,78249) = 3 inside [63331,78249).)
  const e = expectedWindows(
    plan(
      ['a', 0, { partition: 0 }],
      ['x', 6, { partition: 0 }],
      ['y', 6, { partition: 1 }],
      ['a', 5, { partition: 0 }],
      ['a', 7, { partition: 0 }],
      ['c', 40, { partition: 0 }],
      ['c', 40, { partition: 1 }],
    ),
    sessions(5, { maxOutOfOrdernessMs: 0, watermarks: 'punctuated' }),
  )

  test('the merged session is indeterminate', () => {
    expect(e.indeterminate.map((w) => [w.key, w.start, w.end])).toEqual([['a', 0, 12]])
  })

  test('a finer session inside it is not an extra window; one reaching outside it is', () => {
    const others: Parameters<typeof outputs> = [
      ['x', 6, 11, 1],
      ['y', 6, 11, 1],
    ]
    expect(kinds(e, ['a', 0, 5, 1], ['a', 5, 12, 2], ...others)).toEqual([])
    expect(kinds(e, ['a', 0, 12, 3], ...others)).toEqual([])
    expect(kinds(e, ['a', 0, 5, 1], ['a', 5, 13, 2], ...others)).toEqual(['extra-window'])
    expect(kinds(e, ['a', 0, 12, 3], ['x', 7, 11, 1], ...others)).toEqual(['extra-window'])
  })
})
