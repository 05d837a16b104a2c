import { createServer, type Server } from 'node:net'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { kafkaFor } from '../../../src/env/client.ts'
import type { Environment } from '../../../src/env/index.ts'
import { startLocalEnvironment } from '../../../src/env/local/index.ts'
import { openHarness, type Harness } from '../../../src/runner/harness.ts'
import { runScenario } from '../../../src/runner/run-scenario.ts'
import { waitUntil } from '../../../src/wait-until.ts'
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

/** The at-least-once enricher that cannot lose a write (acks=all, idempotent, one leader per send; KafkaJS's default retries), judged at-least-once. */
function safeEnricher(name: string, perturb: unknown[]) {
  return scenario({
    name,
    environment: { nodes: 3 },
    topics: { orders: { partitions: 3 }, enriched: { partitions: 3 } },
    input: [{ topic: 'orders', events: orderEvents(120), id: 'value.orderId' }],
    perturb,
    sut: {
      command: 'node',
      args: ['../fixtures/apps/enricher/at-least-once.mjs', '--acks', 'all', '--idempotent', '--keep-partition', '--in', '{{topics.orders}}', '--out', '{{topics.enriched}}'],
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

test('network stall of a leader\'s replication link: its acks=1 writes are acknowledged, then lost when it dies ahead of its followers', async () => {
  const topic = `st.replication-stall.${Date.now()}`
  const kafka = kafkaFor(env.connection, 'replication-stall-test')
  const admin = kafka.admin()
  await admin.connect()
  // the SUT's side: through the proxies, as a SUT's client reaches the brokers
  const producer = new Kafka({ brokers: env.connection.sutBrokers!, logLevel: logLevel.NOTHING }).producer()
  await producer.connect()
  const high = async (): Promise<number> => Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? -1)
  let off: (() => Promise<void>) | undefined
  try {
    await admin.createTopics({ topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }] }], waitForLeaders: true })
    await producer.send({ topic, acks: 1, messages: [{ value: 'replicated' }] })
    await waitUntil(async () => (await high()) === 1, { intervalMs: 100, timeoutMs: 20_000, onTimeout: () => new Error('the first write never reached the high watermark (followers never copied it)') })

    off = await env.network!.fault(1, { kind: 'stall' }, 'replication')
    for (let i = 0; i < 10; i++) await producer.send({ topic, acks: 1, messages: [{ value: `acknowledged ${i}` }] })
    await env.cluster!.kill(1)
    let leader = -1
    let after = -1
    await waitUntil(async () => {
      const md = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined)
      leader = md?.topics[0]?.partitions[0]?.leader ?? -1
      after = leader === 2 || leader === 3 ? await high().catch(() => -1) : -1
      return after >= 0
    }, { intervalMs: 100, timeoutMs: 30_000, onTimeout: () => new Error(`no new leader answering for ${topic}/0 after broker 1 was killed (leader: ${leader})`) })
    // the new leader was in sync (the stall is shorter than replica.lag.time.max.ms) but never got the ten writes
    expect(after).toBe(1)
  } finally {
    await off?.()
    await env.cluster!.restart(1)
    await producer.disconnect()
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin.disconnect()
  }
  expect(env.cluster!.nodes().map((n) => n.state)).toEqual(['up', 'up', 'up'])
}, 180_000)

test('a killed broker that cannot come back fails its scenario with the reason, and the node is restarted once its port is free', async () => {
  const node = env.cluster!.nodes().find((n) => n.id === 3)!
  const port = Number(node.harnessAddress!.split(':')[1])
  // once the step has killed node 3, something else takes its port: its restart at the end of the run cannot bind
  let squatter: Server | undefined
  const squat = waitUntil(async () => {
    if (env.cluster!.nodes().find((n) => n.id === 3)?.state !== 'down') return false
    squatter = await new Promise<Server | undefined>((resolve) => {
      // it refuses nobody but answers nothing: every connection (brokers and clients looking for node 3) is dropped
      const server = createServer((socket) => socket.destroy())
      server.once('error', () => resolve(undefined))
      server.listen(port, '127.0.0.1', () => resolve(server))
    })
    return squatter !== undefined
  }, { intervalMs: 20, timeoutMs: 120_000, onTimeout: () => new Error(`node 3 was never down with its port ${port} free`) })
  try {
    const { scenario: s, file } = safeEnricher('unrestartable', [{ 'kill-broker': { after: '10%', broker: 3 } }])
    const r = await runScenario(h, s, file, { seed: 3 })
    await squat
    expect(r.verdict).toBe('error')
    expect(r.error).toMatch(/^a broker or network fault could not be ended after the run: Kafka [\d.]+ node 3: the JVM died during start-up \(exit 1\): .*(bind|in use)/i)
    expect(env.cluster!.nodes().find((n) => n.id === 3)?.state).toBe('down')
  } finally {
    await squat.catch(() => undefined)
    await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)))
    await env.cluster!.restart(3)
  }
  expect(env.cluster!.nodes().map((n) => n.state)).toEqual(['up', 'up', 'up'])
}, 240_000)
