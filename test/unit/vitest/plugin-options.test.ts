import { afterEach, expect, test } from 'vitest'
import { NODES_VAR, streamTest, withStreamTest } from '../../../src/vitest/plugin.ts'

afterEach(() => {
  delete process.env[NODES_VAR]
})

test('streamTest({ nodes }) asks the global setup for a local cluster of that many nodes; an explicit env var wins', () => {
  delete process.env[NODES_VAR]
  streamTest({ nodes: 3 }).config()
  expect(process.env[NODES_VAR]).toBe('3')
  process.env[NODES_VAR] = '5'
  withStreamTest({ test: {} }, { nodes: 3 })
  expect(process.env[NODES_VAR]).toBe('5')
})
