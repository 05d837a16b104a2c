import { expect, test } from 'vitest'
import { parseRangeBound } from '../../../src/backfill/range-bound.ts'

test('times as epoch ms or ISO 8601; offsets for every partition or per partition', () => {
  expect(parseRangeBound('1717171717000', '--from')).toEqual({ kind: 'time', ms: 1717171717000 })
  expect(parseRangeBound('2024-05-31T12:00:00Z', '--to')).toEqual({ kind: 'time', ms: Date.parse('2024-05-31T12:00:00Z') })
  expect(parseRangeBound('offset:1200', '--from')).toEqual({ kind: 'offset', every: 1200, partitions: new Map() })
  expect(parseRangeBound('offset:0=1200, 2=950', '--from')).toEqual({ kind: 'offset', partitions: new Map([[0, 1200], [2, 950]]) })
})

test('anything else names the flag and the forms it takes', () => {
  expect(() => parseRangeBound('yesterday', '--from')).toThrow(/bad --from "yesterday".*offset:<n>/)
  expect(() => parseRangeBound('offset:0=x', '--to')).toThrow(/bad --to "offset:0=x".*found 0=x/)
  expect(() => parseRangeBound('offset:', '--to')).toThrow(/bad --to/)
})
