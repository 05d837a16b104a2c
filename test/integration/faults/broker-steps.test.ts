import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Environment } from '../../../src/env/index.ts'
import { startLocalEnvironment } from '../../../src/env/local/index.ts'
import { openHarness, type Harness } from '../../../src/runner/harness.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { orderEvents, scenario } from '../helpers/harness.ts'

/**
 * Broker and network steps through the runner on a real three-node cluster (its own, not the run's
 * shared broker): the step resolves its broker by role when it runs, the SUT rides out the fault, the
 * run brings every node back and clears every proxy, and the oracle judges the output.
 */
let env: Environment
let h: Harness
beforeAll(async () => {
  env = await startLocalEnvironment({ nodes: 3 })
  h = await openHarness(env)
}, 180_000)
afterAll(async () => {
  await h?.close()
  await env?.stop()
})

/** The at-least-once enricher that cannot lose a write (acks=all, idempotent, one leader per send), judged at-least-once. */
function safeEnricher(name: string, perturb: unknown[]) {
  return scenario({
    name,
    environment: { nodes: 3 },
    topics: { orders: { partitions: 3 }, enriched: { partitions: 3 } },
    input: [{ topic: 'orders', events: orderEvents(120), id: 'value.orderId' }],
    perturb,
    sut: {
      command: 'node',
      args: ['../fixtures/apps/enricher/at-least-once.mjs', '--acks', 'all', '--idempotent', '--keep-partition', '--retries', '10', '--in', '{{topics.orders}}', '--out', '{{topics.enriched}}'],
      ready: { log: 'ready' },
    },
    output: [{ topic: 'enriched' }],
    oracles: [{ 'exactly-once': { output: 'enriched', guarantee: 'at-least-once' } }],
    timeout: '90s',
  })
}

test('kill-broker of the output leader: the role resolves to that leader, the SUT goes on with the new one, nothing is lost, the node comes back', async () => {
  const { scenario: s, file } = safeEnricher('leader kill', [{ 'kill-broker': { after: '50%', role: 'leader', topic: 'enriched', partition: 0, for: '5s' } }])
  const r = await runScenario(h, s, file, { seed: 1 })
  expect(r.error, r.sutOutput.join('\n')).toBeUndefined()
  expect(r.violations.map((v) => `${v.kind} ${v.message}`)).toEqual([])
  expect(r.verdict).toBe('pass')
  const [kill] = r.crashes
  expect(kill).toMatchObject({ kind: 'kill-broker', afterSeq: 59, broker: { role: 'leader of enriched/0' } })
  expect([1, 2, 3]).toContain(kill?.broker?.id)
  expect(kill?.downMs).toBeGreaterThanOrEqual(5000)
  expect(kill?.untilSeq).toBeGreaterThanOrEqual(59)
  expect(env.cluster!.nodes().map((n) => n.state)).toEqual(['up', 'up', 'up'])
}, 180_000)

test('network delay on every proxy and a paused group coordinator: the faults last their time, the harness sees the truth, the SUT passes', async () => {
  const before = env.network!.brokers().map((id) => env.network!.connections(id))
  const { scenario: s, file } = safeEnricher('network and pause', [
    { network: { after: '30%', fault: 'delay', ms: 200, for: '3s' } },
    { 'pause-broker': { after: '60%', role: 'group-coordinator', for: '3s' } },
  ])
  const r = await runScenario(h, s, file, { seed: 2 })
  expect(r.error).toBeUndefined()
  expect(r.verdict).toBe('pass')
  const [delay, pause] = r.crashes
  expect(delay).toMatchObject({ kind: 'network', network: 'delay 200 ms' })
  expect(delay?.broker).toBeUndefined()
  expect(delay?.lastedMs).toBeGreaterThanOrEqual(3000)
  expect(pause).toMatchObject({ kind: 'pause-broker', broker: { role: "the SUT group's coordinator" } })
  expect(pause?.pausedMs).toBeGreaterThanOrEqual(3000)
  // the SUT reached the brokers through the proxies, and nothing is left faulted or stopped
  const after = env.network!.brokers().map((id) => env.network!.connections(id))
  expect(after.some((n, i) => n > (before[i] ?? 0))).toBe(true)
  expect(env.cluster!.nodes().map((n) => n.state)).toEqual(['up', 'up', 'up'])
}, 180_000)
