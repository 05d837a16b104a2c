import { expect, test } from 'vitest'
import { EnvironmentError } from '../../../src/errors.ts'
import { RunFailed, runFailure } from '../../../src/runner/run-failed.ts'

test('a failed run carries the error that ended it and the SUT output up to then', () => {
  const cause = new EnvironmentError('topics not served', 'ST_TOPICS')
  const err = new RunFailed(cause, ['[stdout] ready', '[stderr] boom'])
  expect(err.message).toBe('topics not served')
  expect(runFailure(err)).toEqual({ cause, sutOutput: ['[stdout] ready', '[stderr] boom'] })
  expect(runFailure(err).cause).toBeInstanceOf(EnvironmentError)
})

test('any other error is its own cause, with no SUT output', () => {
  const plain = new Error('plain')
  expect(runFailure(plain)).toEqual({ cause: plain, sutOutput: [] })
  expect(runFailure('text').sutOutput).toEqual([])
})
