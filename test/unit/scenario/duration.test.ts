import { expect, test } from 'vitest'
import { parseDuration, parsePercent } from '../../../src/scenario/index.ts'

test.each([
  ['300ms', 300],
  ['5s', 5000],
  ['10m', 600_000],
  ['1h', 3_600_000],
  ['1.5s', 1500],
  ['2d', 172_800_000],
  ['250', 250],
  [0, 0],
  [1234, 1234],
])('duration %j is %d ms', (input, ms) => {
  expect(parseDuration(input)).toBe(ms)
})

test.each(['5 parsecs', '', 's', '-1s', '5x', '1e3s', null, -5, Number.NaN, Number.POSITIVE_INFINITY, {}])(
  '%j is not a duration',
  (input) => {
    expect(parseDuration(input)).toBeUndefined()
  },
)

test.each([
  ['50%', 0.5],
  ['0%', 0],
  ['100%', 1],
  ['12.5%', 0.125],
])('percent %s is %d', (input, f) => {
  expect(parsePercent(input)).toBe(f)
})

test.each(['150%', '50', 0.5, '-1%', 'half'])('%j is not a percent', (input) => {
  expect(parsePercent(input)).toBeUndefined()
})
