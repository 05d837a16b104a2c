import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import { mapping, outputs, plan, values } from './ops.ts'

const TD = 10
const sliding = (grace: number): WindowSpec => ({
  profile: 'kafka-streams',
  window: { type: 'sliding', difference: TD },
  grace,
  aggregate: 'count',
  emit: 'updates',
})

/** The windows SlidingWindows defines, from the whole set of records (nothing dropped). */
function bruteForce(ts: number[]): Record<string, number> {
  const out: Record<string, number> = {}
  const count = (s: number, e: number) => ts.filter((t) => t >= s && t <= e).length
  for (const t of ts) {
    const s = Math.max(0, t - TD)
    const start = t < TD ? 0 : s
    out[JSON.stringify(['k', start, start + TD])] = count(start, start + TD)
    if (count(t + 1, t + 1 + TD) > 0) out[JSON.stringify(['k', t + 1, t + 1 + TD])] = count(t + 1, t + 1 + TD)
  }
  return out
}

describe('kafka-streams sliding windows [start, start+difference], both ends inclusive', () => {
  test('left window [ts-td, ts] per record and a right window [ts+1, ts+1+td] when a later record falls in it', () => {
    const e = expectedWindows(plan(['k', 20], ['k', 25]), sliding(0))
    expect(values(e.windows)).toEqual({ '["k",10,20]': 1, '["k",15,25]': 2, '["k",21,31]': 1 })
  })

  test('records with ts < difference share the window [0, difference]', () => {
    const e = expectedWindows(plan(['k', 3], ['k', 5]), sliding(0))
    expect(values(e.windows)).toEqual({ '["k",0,10]': 2, '["k",4,14]': 1 })
  })

  test('whole record dropped iff ts + 1 + td <= streamTime - grace', () => {
    const dropped = expectedWindows(plan(['k', 100], ['k', 89]), sliding(0))
    expect(dropped.late.map((l) => [l.op.id, l.windows])).toEqual([['e1', [{ start: 79, end: 89 }]]])
    expect(values(dropped.windows)).toEqual({ '["k",90,100]': 1 })
  })

  test('a window is updated iff windowEnd >= streamTime - grace: the left window of ts 90 (end 90) is lost at S 100, kept with grace 10', () => {
    const noGrace = expectedWindows(plan(['k', 100], ['k', 90]), sliding(0))
    expect(noGrace.late.map((l) => [l.op.id, l.windows])).toEqual([['e1', [{ start: 80, end: 90 }]]])
    // the right window of ts 90 is created from the stored aggregate of [90,100] without a close check
    expect(values(noGrace.windows)).toEqual({ '["k",90,100]': 2, '["k",91,101]': 1 })
    const grace = expectedWindows(plan(['k', 100], ['k', 90]), sliding(10))
    expect(grace.late).toEqual([])
    expect(values(grace.windows)).toEqual({ '["k",80,90]': 1, '["k",90,100]': 2, '["k",91,101]': 1 })
  })

  test('without drops, the windows equal the definition for any arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 12 }), (ts) => {
        const e = expectedWindows(plan(...ts.map((t) => ['k', t] as [string, number])), sliding(1000))
        expect(values(e.windows)).toEqual(bruteForce(ts))
      }),
      { seed: 42, numRuns: 300 },
    )
  })
})

describe('kafka-streams sliding windows under suppress: a second final at S = end + grace', () => {
  // window-sliding.jsonl partition 1 (difference 10 s, grace 2 s), which the real app (Kafka Streams
  // 4.4.0) answers with c [20000,30000] = 1 and then c [20000,30000] = 2 (docs/windows-verification.md)
  const spec: WindowSpec = { ...sliding(2000), window: { type: 'sliding', difference: 10000 }, emit: 'final' }
  const input = plan(['c', 30000], ['d', 32000], ['c', 25000], ['d', 33000])

  test('a closed window updated at S == end + grace is marked boundary, with the full count', () => {
    const e = expectedWindows(input, spec)
    const w = e.windows.get('["c",20000,30000]')
    expect(w?.value).toBe(2)
    expect(w?.boundary).toBe(true)
    expect(e.late.map((l) => [l.op.id, l.windows])).toEqual([['e2', [{ start: 15000, end: 25000 }]]])
  })

  test('the judge accepts the two finals the engine emits, and judges the last one', () => {
    const e = expectedWindows(input, spec)
    // at S 33000 nothing else has closed (end + 2000 <= 33000)
    expect(judgeWindows(e, outputs(['c', 20000, 30000, 1], ['c', 20000, 30000, 2]), mapping).violations).toEqual([])
    // a last final of 1 lacks c@25000, which arrived within the grace
    const wrongLast = outputs(['c', 20000, 30000, 2], ['c', 20000, 30000, 1])
    expect(judgeWindows(e, wrongLast, mapping).violations.map((v) => v.kind)).toEqual(['late-dropped'])
  })

  test('one ms later the window is closed for good: a record at S > end + grace is dropped from it', () => {
    const e = expectedWindows(plan(['c', 30000], ['d', 32001], ['c', 25000]), spec)
    expect(e.windows.get('["c",20000,30000]')?.value).toBe(1)
    expect(e.windows.get('["c",20000,30000]')?.boundary).toBeUndefined()
  })
})
