import { expect, test } from 'vitest'
import { parsePerturbSpec } from '../../../src/perturb/index.ts'
import { environmentNeeds } from '../../../src/scenario/index.ts'
import { toPlanSpecs } from '../../../src/runner/plan-specs.ts'
import { checkEnvironmentNeeds } from '../../../src/runner/environments.ts'
import { faultScenario, loadWithOrders, refusal } from './tmp-files.ts'

const scenario = (perturb: string, environment = '') => faultScenario({ perturb, tail: environment })
const load = loadWithOrders
const problem = (perturb: string, environment = ''): Promise<string> => refusal(scenario(perturb, environment))

test('broker and network steps load into plan specs with their broker as a target', async () => {
  const { loading } = await load(scenario([
    '  - kill-broker: { after: 30%, role: leader, topic: out, for: 5s }',
    "  - pause-broker: { at: 2, role: transaction-coordinator, transactional-id: '{{group}}-tx-0', for: 2s }",
    '  - restart-broker: { at: 3, broker: 2 }',
    '  - network: { after: 50%, role: group-coordinator, fault: delay, ms: 300, direction: to-broker, for: 4s }',
    '  - network: { after: 60%, fault: cut, for: 1s }',
    '  - network: { after: 70%, broker: 1, link: replication, fault: stall, for: 8s }',
  ].join('\n'), 'environment: { nodes: 3 }\n'))
  const s = await loading
  expect(environmentNeeds(s)).toEqual({ nodes: 3, cluster: true })
  expect(toPlanSpecs(s.perturb)).toEqual([
    { kind: 'kill-broker', after: 0.3, target: { role: 'leader', topic: 'out', partition: 0 }, forMs: 5000 },
    { kind: 'pause-broker', at: 2, target: { role: 'transaction-coordinator', transactionalId: '{{group}}-tx-0' }, forMs: 2000 },
    { kind: 'restart-broker', at: 3, target: { broker: 2 } },
    { kind: 'network', after: 0.5, target: { role: 'group-coordinator' }, network: { fault: 'delay', ms: 300, direction: 'to-broker' }, forMs: 4000 },
    { kind: 'network', after: 0.6, target: { all: true }, network: { fault: 'cut' }, forMs: 1000 },
    { kind: 'network', after: 0.7, target: { broker: 1 }, network: { fault: 'stall', link: 'replication' }, forMs: 8000 },
  ])
})

test('a scenario without broker steps needs no cluster; a network step on one node needs proxies', async () => {
  expect(environmentNeeds({ perturb: [{ kind: 'restart-broker', at: 1 }] })).toEqual({ nodes: 1, cluster: false })
  expect(environmentNeeds({ perturb: [{ kind: 'network', at: 1, fault: 'cut', for: 1000 }] })).toEqual({ nodes: 1, cluster: true })
})

test('role leader without topic, at its line', async () => {
  const msg = await problem('  - kill-broker: { after: 50%, role: leader }', 'environment: { nodes: 3 }\n')
  expect(msg).toContain('x.scenario.yaml:9:')
  expect(msg).toContain('topic: role leader needs the topic')
})

test('a broker step that names no broker, a broker past the cluster, an undeclared topic, a partition past its topic', async () => {
  expect(await problem('  - pause-broker: { after: 50%, for: 2s }', 'environment: { nodes: 3 }\n')).toContain('a broker: broker: N or role:')
  expect(await problem('  - kill-broker: { after: 50%, broker: 4 }', 'environment: { nodes: 3 }\n')).toContain('a broker from 1 to 3 (environment.nodes is 3)')
  expect(await problem('  - kill-broker: { after: 50%, role: leader, topic: nope }', 'environment: { nodes: 3 }\n')).toContain('a topic declared under topics: one of orders, out')
  expect(await problem('  - kill-broker: { after: 50%, role: leader, topic: orders, partition: 3 }', 'environment: { nodes: 3 }\n')).toContain('a partition below 3 (topic orders has 3)')
})

test('a kill of the only broker must say when it comes back', async () => {
  expect(await problem('  - kill-broker: { after: 50%, broker: 1 }')).toContain('for: a duration (the only broker of a one-node environment must come back')
})

test('network: a delay needs ms, one-way needs drop, a duration is required', async () => {
  expect(await problem('  - network: { after: 50%, fault: delay, for: 2s }')).toContain('ms: a delay needs its milliseconds')
  expect(await problem('  - network: { after: 50%, fault: one-way, for: 2s }')).toContain('drop: to-broker | to-client')
  expect(await problem('  - network: { after: 50%, fault: cut }')).toContain('network.for')
})

test('network on the replication link needs a cluster, and names a link it knows', async () => {
  expect(await problem('  - network: { after: 50%, broker: 1, link: replication, fault: stall, for: 2s }')).toContain('network.link; expected environment: { nodes: 3 } (a one-node environment replicates nothing)')
  expect(await problem('  - network: { after: 50%, broker: 1, link: raft, fault: stall, for: 2s }', 'environment: { nodes: 3 }\n')).toMatch(/link.*clients.*replication/)
})

test('--perturb takes broker and network steps with flat keys', () => {
  expect(parsePerturbSpec('kill-broker:after=50%:role=leader:topic=out:partition=1,network:at=3:fault=delay:ms=200:for=2s,network:at=4:broker=2:fault=stall:link=replication:for=1s')).toEqual([
    { kind: 'kill-broker', after: 0.5, target: { role: 'leader', topic: 'out', partition: 1 } },
    { kind: 'network', at: 3, target: { all: true }, network: { fault: 'delay', ms: 200 }, forMs: 2000 },
    { kind: 'network', at: 4, target: { broker: 2 }, network: { fault: 'stall', link: 'replication' }, forMs: 1000 },
  ])
  expect(() => parsePerturbSpec('kill-broker:after=50%')).toThrow(/--perturb\[0\]\.broker/)
  expect(() => parsePerturbSpec('kill-broker:after=50%:role=leader')).toThrow(/at --perturb\[0\]\.topic; expected topic: <a topic of the scenario>/)
})

test('an external environment refuses a scenario that needs brokers of its own, before anything starts', async () => {
  const { loading } = await load(scenario('  - network: { after: 50%, fault: cut, for: 1s }'))
  const s = await loading
  expect(() => checkEnvironmentNeeds([{ file: 'x.scenario.yaml', scenario: s }], 'external')).toThrow(
    /x\.scenario\.yaml: its network step needs a local environment .*--env external has none/,
  )
  expect(() => checkEnvironmentNeeds([{ file: 'x.scenario.yaml', scenario: s }], 'local')).not.toThrow()
  const restart = await load(scenario('  - restart-broker: { after: 50% }')).then((l) => l.loading)
  expect(() => checkEnvironmentNeeds([{ file: 'r.scenario.yaml', scenario: restart }], 'containers')).toThrow(
    /r\.scenario\.yaml: its restart-broker step needs a local environment .*--env containers has none/,
  )
})
