import { afterEach, expect, test } from 'vitest'
import { parseEnvChoice } from '../../../src/env/index.ts'
import { InputError } from '../../../src/errors.ts'

const saved = process.env.STREAM_TEST_ENV
afterEach(() => {
  if (saved === undefined) delete process.env.STREAM_TEST_ENV
  else process.env.STREAM_TEST_ENV = saved
})

test('each known choice parses to itself', () => {
  for (const c of ['auto', 'local', 'containers', 'external'] as const) expect(parseEnvChoice(c)).toBe(c)
})

test('absent: STREAM_TEST_ENV, else auto', () => {
  delete process.env.STREAM_TEST_ENV
  expect(parseEnvChoice(undefined)).toBe('auto')
  process.env.STREAM_TEST_ENV = 'local'
  expect(parseEnvChoice(undefined)).toBe('local')
  expect(parseEnvChoice('external')).toBe('external')
})

test('an unknown choice is an InputError (exit 2) listing the choices', () => {
  let err: unknown
  try {
    parseEnvChoice('nope')
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).exitCode).toBe(2)
  expect((err as InputError).message).toBe('unknown environment "nope"; expected auto | local | containers | external; found nope')
})

test('an unknown STREAM_TEST_ENV is rejected the same way', () => {
  process.env.STREAM_TEST_ENV = 'docker'
  expect(() => parseEnvChoice(undefined)).toThrow('unknown environment "docker"')
})
