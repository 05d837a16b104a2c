import { describe, expect, test } from 'vitest'
import { parseScenario, toOracleWindowSpec, type OracleSpec } from '../../../../src/scenario/index.ts'
import { loadWithOrders, refusal } from '../tmp-files.ts'

const FILE = '/tmp/window-spec.scenario.yaml'
const MAP = { key: 'key', start: 'value.s', end: 'value.e', value: 'value.n' }

/** A scenario with a one-partition input `events`, a three-partition input `other`, and one windows oracle. */
function specOf(windows: Record<string, unknown>) {
  const s = parseScenario(
    {
      name: 'window spec',
      topics: { events: { partitions: 1 }, other: { partitions: 3 }, counts: {} },
      input: [
        { topic: 'other', events: [] },
        { topic: 'events', events: [] },
      ],
      sut: { command: 'true' },
      output: [{ topic: 'counts' }],
      oracles: [{ windows: { output: 'counts', profile: 'flink', window: { tumbling: '10s' }, aggregate: 'count', emit: 'final', map: MAP, ...windows } }],
    },
    { file: FILE },
  )
  const o = s.oracles[0] as Extract<OracleSpec, { kind: 'windows' }>
  return toOracleWindowSpec(o, s)
}

describe('toOracleWindowSpec: the flink options from the scenario', () => {
  test('allowedLateness is a duration: 1s is 1000 ms (it used to be ignored unless a number)', () => {
    expect(specOf({ delay: '2s', allowedLateness: '1s' }).flink).toMatchObject({ maxOutOfOrdernessMs: 2000, allowedLatenessMs: 1000 })
    expect(specOf({ allowedLateness: 250 }).flink?.allowedLatenessMs).toBe(250)
    expect(specOf({}).flink).not.toHaveProperty('allowedLatenessMs')
  })

  test('flink.watermarks reaches the profile; without it the profile assumes periodic', () => {
    expect(specOf({ flink: { watermarks: 'punctuated' } }).flink?.watermarks).toBe('punctuated')
    expect(specOf({ flink: { watermarks: 'none' } }).flink?.watermarks).toBe('none')
    expect(specOf({}).flink).not.toHaveProperty('watermarks')
  })

  test("the partitions are those of the oracle's input topic, else of the first input", () => {
    expect(specOf({ input: 'events' }).flink?.partitions).toBe(1)
    expect(specOf({}).flink?.partitions).toBe(3)
  })
})

describe('bad flink options: file:line and what was expected', () => {
  const yaml = (windowsExtra: string) => `name: flink options
topics:
  orders: { partitions: 1 }
  counts: {}
input:
  - topic: orders
    fixture: orders.jsonl
sut: { command: node }
output: [{ topic: counts }]
oracles:
  - windows:
      output: counts
      profile: flink
      window: { tumbling: 10s }
      aggregate: count
      emit: final
      map: { key: key, start: value.s, end: value.e, value: value.n }
${windowsExtra}`

  test('allowedLateness that is not a duration', async () => {
    expect(await refusal(yaml('      allowedLateness: soon\n'))).toBe(
      `x.scenario.yaml:18:24: invalid; at oracles[0].windows.allowedLateness; expected a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds; found "soon"`,
    )
  })

  test('an unknown watermark mode', async () => {
    expect(await refusal(yaml('      flink: { watermarks: sometimes }\n'))).toBe(
      'x.scenario.yaml:18:28: not a known value; at oracles[0].windows.flink.watermarks; expected one of periodic, punctuated, none; found "sometimes"',
    )
  })

  test('flink options with the kafka-streams profile', async () => {
    expect(await refusal(yaml('      allowedLateness: 1s\n').replace('profile: flink', 'profile: kafka-streams'))).toMatch(
      /^x\.scenario\.yaml:18:24: .*at oracles\[0\]\.windows\.allowedLateness; expected allowedLateness only with profile: flink/,
    )
  })

  test('good flink options load', async () => {
    const { loading } = await loadWithOrders(yaml('      allowedLateness: 1s\n      flink: { watermarks: punctuated }\n'))
    expect((await loading).oracles[0]).toMatchObject({ allowedLateness: 1000, flink: { watermarks: 'punctuated' } })
  })
})
