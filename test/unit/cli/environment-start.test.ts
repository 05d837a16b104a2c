import { expect, test } from 'vitest'
import { environmentStart } from '../../../src/cli/connection-option.ts'

const saved = process.env.STREAM_TEST_ENV
test.each([
  [{ env: 'local', brokers: 'h:9092' }, '--brokers is for --env external, but the environment is --env local; expected --env external with --brokers, or no --brokers'],
  [{ env: 'containers', registry: 'http://r:8081' }, '--registry is for --env external, but the environment is --env containers'],
  [{ env: 'external', brokers: 'h:9092', port: '9092' }, '--port is for --env local, but the environment is --env external'],
  [{ brokers: 'h:9092' }, '--brokers is for --env external, but the environment is auto (from STREAM_TEST_ENV or the default)'],
  [{ env: 'local', port: '70000' }, 'bad --port "70000"; expected an integer port 1-65535'],
  [{ env: 'containers', nodes: '3' }, '--nodes is for --env local, but the environment is --env containers'],
  [{ env: 'local', nodes: '0' }, 'bad --nodes "0"; expected an integer 1-9 (Kafka brokers of the local environment)'],
])('%o is refused (exit 2), not ignored', (opts, message) => {
  delete process.env.STREAM_TEST_ENV
  try {
    expect(() => environmentStart(opts)).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining(message) }))
  } finally {
    if (saved !== undefined) process.env.STREAM_TEST_ENV = saved
  }
})

test('the flags of the chosen kind become start options', () => {
  expect(environmentStart({ env: 'external', brokers: 'h:9092', registry: 'http://r:8081' })).toEqual({ env: 'external', brokers: 'h:9092', registryUrl: 'http://r:8081' })
  expect(environmentStart({ env: 'local', port: '19092' })).toEqual({ env: 'local', port: 19092 })
  expect(environmentStart({ env: 'local', nodes: '3' })).toEqual({ env: 'local', nodes: 3 })
})
