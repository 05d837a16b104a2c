import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { windowId } from '../../../../src/oracle/windows/index.ts'

describe('windowId', () => {
  test('is the JSON array text `["key",start,end]` for any key and any numbers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.double(), fc.oneof(fc.integer(), fc.double()), (key, start, end) => {
        expect(windowId(key, start, end)).toBe(`[${JSON.stringify(key)},${start},${end}]`)
      }),
    )
    expect(windowId('k', 0, 10)).toBe('["k",0,10]')
  })
})
