import { expect, test } from 'vitest'
import { replicasLedBy } from '../../../src/kafka/run-namespace.ts'
import { loadWithOrders, refusal, scenarioYaml } from './tmp-files.ts'

/** Placement a cluster scenario controls: the leader of each partition, and the broker that coordinates the SUT's group. */
const withPlacement = (topics: string, environment: string): string =>
  scenarioYaml({ topics, perturb: '  - kill-broker: { after: 50%, broker: 1 }', tail: `environment: ${environment}` })

test('leaders and group-coordinator load with the scenario', async () => {
  const { loading } = await loadWithOrders(withPlacement('  orders: { partitions: 3, leaders: [2, 3, 2] }\n  enriched: { partitions: 1, leaders: [1] }', '{ nodes: 3, group-coordinator: 3 }'))
  const s = await loading
  expect(s.topics.orders?.leaders).toEqual([2, 3, 2])
  expect(s.topics.enriched?.leaders).toEqual([1])
  expect(s.environment).toEqual({ nodes: 3, 'group-coordinator': 3 })
  const other = await loadWithOrders(withPlacement('  orders: { partitions: 3 }\n  enriched: {}', '{ nodes: 3, group-coordinator: { not: 1 } }'))
  expect((await other.loading).environment).toEqual({ nodes: 3, 'group-coordinator': { not: 1 } })
})

test('one leader per partition, each a broker of the cluster; a coordinator of the cluster', async () => {
  expect(await refusal(withPlacement('  orders: { partitions: 3, leaders: [1, 2] }\n  enriched: {}', '{ nodes: 3 }'))).toContain('x.scenario.yaml:3:37: invalid; at topics.orders.leaders; expected one broker per partition (3); found 2 brokers')
  expect(await refusal(withPlacement('  orders: { partitions: 2, leaders: [1, 4] }\n  enriched: {}', '{ nodes: 3 }'))).toBe('x.scenario.yaml:3:41: invalid; at topics.orders.leaders[1]; expected a broker from 1 to 3 (environment.nodes is 3); found 4')
  expect(await refusal(withPlacement('  orders: { partitions: 3 }\n  enriched: {}', '{ nodes: 3, group-coordinator: 5 }'))).toMatch(/environment\.group-coordinator.*a broker from 1 to 3/)
  expect(await refusal(withPlacement('  orders: { partitions: 3 }\n  enriched: {}', '{ nodes: 3, group-coordinator: { not: 4 } }'))).toMatch(/environment\.group-coordinator.*a broker from 1 to 3/)
})

test('a partition led by broker N has N first, then the next brokers by number, wrapping, three at most', () => {
  expect(replicasLedBy(1, [3, 1, 2])).toEqual([1, 2, 3])
  expect(replicasLedBy(3, [1, 2, 3])).toEqual([3, 1, 2])
  expect(replicasLedBy(2, [1, 2, 3, 4, 5])).toEqual([2, 3, 4])
  expect(replicasLedBy(1, [1])).toEqual([1])
  expect(() => replicasLedBy(4, [1, 2, 3])).toThrow('no broker 4 to lead a partition (brokers: 1, 2, 3)')
})
