import { describe, expect, test } from 'vitest'
import { exactNumber } from '../../../src/oracle/sql-state.ts'

describe('exactNumber', () => {
  test('a number exactly when it prints back as the same decimal', () => {
    expect(['0', '-0', '7', '-12', '12.50', '0.1', '000.500', '9007199254740991'].map(exactNumber)).toEqual([0, 0, 7, -12, 12.5, 0.1, 0.5, 9007199254740991])
    expect(['9007199254740993', '0.12345678901234567890', 'NaN', '1e400'].map(exactNumber)).toEqual([
      '9007199254740993', '0.12345678901234567890', 'NaN', '1e400',
    ])
  })
})
