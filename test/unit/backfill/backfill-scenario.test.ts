import { resolve } from 'node:path'
import { expect, test } from 'vitest'
import { flagScenario, scenarioTopics } from '../../../src/backfill/backfill-scenario.ts'
import { parseScenario } from '../../../src/scenario/index.ts'

test('flags make a scenario with topics in/out, the SUT ready on its line or a stable group, no perturbations or oracles', () => {
  const s = flagScenario({ sut: ['node', 'app.mjs'], cwd: '/work', valueFormat: 'string', timeoutMs: 9000, settleMs: 100 })
  expect(s.topics).toEqual({ in: { partitions: 1, key: 'string', value: 'string' }, out: { partitions: 1, key: 'string', value: 'string' } })
  expect(s.sut).toEqual({ kind: 'process', command: 'node', args: ['app.mjs'], cwd: '/work', env: {}, readyTimeout: 30_000, stopTimeout: 10_000, instances: 1, ready: { group: 'stable' } })
  expect(flagScenario({ sut: ['x'], cwd: '/', ready: 'ready', valueFormat: 'json', timeoutMs: 1, settleMs: 1 }).sut).toMatchObject({ ready: { log: 'ready' } })
  expect([s.perturb, s.oracles, s.timeout, s.settle]).toEqual([[], [], 9000, 100])
})

const file = resolve('scenarios/x.scenario.yaml')
const withOutputs = (outputs: string[]) =>
  parseScenario(
    {
      name: 'x',
      topics: { orders: {}, a: {}, b: {} },
      input: [{ topic: 'orders', events: [] }],
      sut: { command: 'node' },
      output: outputs.map((topic) => ({ topic })),
      oracles: [{ 'exactly-once': { output: outputs[0] ?? 'a' } }],
    },
    { file },
  )

test('a scenario gives its one input topic and its only output, or the one --output names', () => {
  expect(scenarioTopics(withOutputs(['a']), file)).toEqual({ input: 'orders', output: 'a' })
  expect(scenarioTopics(withOutputs(['a', 'b']), file, 'b')).toEqual({ input: 'orders', output: 'b' })
  expect(() => scenarioTopics(withOutputs(['a', 'b']), file)).toThrow(/several outputs: name the one to diff; .*expected --output <a \| b>/)
  expect(() => scenarioTopics(withOutputs(['a', 'b']), file, 'c')).toThrow(/--output c is not an output of the scenario/)
})
