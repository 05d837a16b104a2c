import { describe, expect, test } from 'vitest'
import { InputError } from '../../../../src/errors.ts'
import { expectedWindows, judgeWindows } from '../../../../src/oracle/windows/index.ts'
import type { WindowSpec } from '../../../../src/oracle/windows/index.ts'
import type { ProduceOp } from '../../../../src/replay/plan.ts'
import { mapping, outputs, plan, values } from './ops.ts'

const base: WindowSpec = { profile: 'kafka-streams', window: { type: 'tumbling', size: 10 }, aggregate: 'count', emit: 'updates' }

describe('window spec checks', () => {
  test.each([
    [{ ...base, window: { type: 'hopping', size: 10, advance: 20 } }, 'window.advance'],
    [{ ...base, window: { type: 'tumbling', size: 0 } }, 'window.size'],
    [{ ...base, grace: -1 }, 'grace'],
    [{ ...base, aggregate: 'sum' }, 'valuePath'],
    [{ ...base, aggregate: 'reduce' }, 'reducer'],
    [{ ...base, profile: 'flink' }, 'flink'],
    [{ ...base, profile: 'flink', window: { type: 'sliding', difference: 5 }, flink: { maxOutOfOrdernessMs: 0 } }, 'window'],
  ] as [WindowSpec, string][])('rejects a bad spec at %j', (spec, path) => {
    const err = (() => {
      try {
        expectedWindows([], spec)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(InputError)
    expect((err as InputError).detail.path).toBe(path)
  })

  test('sum over a missing field names the event, its fixture line and the path', () => {
    const err = (() => {
      try {
        expectedWindows(plan(['k', 1, { value: { other: 1 } }]), { ...base, aggregate: 'sum', valuePath: 'value.amount' })
      } catch (e) {
        return e as InputError
      }
    })()
    expect(err?.detail).toEqual({ file: 'in.jsonl', line: 1, path: 'value.amount', expected: 'a number', found: 'undefined' })
  })
})

describe('aggregates', () => {
  const input = plan(['k', 1, { amount: 5 }], ['k', 2, { amount: -2 }], ['k', 3, { amount: 7 }])
  test.each([
    ['count', 3],
    ['sum', 10],
    ['min', -2],
    ['max', 7],
  ] as const)('%s over value.amount', (aggregate, want) => {
    expect(values(expectedWindows(input, { ...base, aggregate, valuePath: 'value.amount' }).windows)).toEqual({ '["k",0,10]': want })
  })

  test('a user reducer folds events in arrival order, and late-dropped explanations use it', () => {
    const spec: WindowSpec = {
      ...base,
      aggregate: 'reduce',
      reducer: { initial: () => [] as string[], reduce: (acc: string[], e: ProduceOp) => [...acc, e.id] },
    }
    const e = expectedWindows(input, spec)
    expect(values(e.windows)).toEqual({ '["k",0,10]': ['e0', 'e1', 'e2'] })
    const r = judgeWindows(e, outputs(['k', 0, 10, ['e0', 'e2']]), mapping)
    expect(r.violations.map((v) => [v.kind, v.ids])).toEqual([['late-dropped', ['e1']]])
  })
})
