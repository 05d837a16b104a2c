import { randomUUID } from 'node:crypto'
import { kafkaFor, type Environment } from '../src/env/index.ts'
import { startLocalEnvironment } from '../src/env/local/index.ts'
import { median, type Benchmark } from './benchmark.ts'
import { benchEvents } from './events.ts'
import { createRunTopics } from '../src/kafka/run-namespace.ts'
import { replayToTopic } from './replay-to-topic.ts'

/**
 * A local three-node cluster from cached jars (with the AppCDS archive when the single-node boot made
 * one) until ready: every node logged "Kafka Server started", a controller leads, the harness's admin
 * sees the brokers, group and transaction coordinators warmed. Both shapes, one after the other: three
 * combined broker+controller nodes (what `nodes: 3` boots) and one controller-only node plus three brokers,
 * next to one node booted in the same repetition (the ratio is steadier than seconds on a shared machine).
 */
export const clusterStart: Benchmark = {
  id: 'cluster',
  title: 'local cluster (3 nodes)',
  metrics: [
    { key: 'combined', name: '3 combined broker+controller nodes: cold start to ready', unit: 's', target: { op: '<=', value: 10 } },
    { key: 'dedicated', name: '1 controller + 3 brokers: cold start to ready', unit: 's' },
    { key: 'single', name: 'one node, same repetition: cold start to ready', unit: 's' },
    { key: 'ratio', name: '3 combined nodes / one node (load-independent-ish)', unit: 'ratio' },
  ],
  async start() {
    // where the combined cluster's start goes: each step's time since the start, per repetition
    const steps = new Map<string, number[]>()
    const boot = async (controllers: 'combined' | 'dedicated' | 'single'): Promise<number> => {
      const t0 = performance.now()
      const env = await startLocalEnvironment(controllers === 'single' ? {} : { nodes: 3, controllers })
      const s = (performance.now() - t0) / 1000
      if (controllers === 'combined') for (const p of env.startup ?? []) steps.set(p.phase, [...(steps.get(p.phase) ?? []), p.atMs])
      await env.stop()
      return s
    }
    return {
      async repeat(i) {
        // rotate which shape boots first, so none always meets a machine still busy with another
        const order = (['combined', 'dedicated', 'single'] as const).map((_, k, all) => all[(k + i) % all.length]!)
        const s: Record<string, number> = {}
        for (const shape of order) s[shape] = await boot(shape)
        return { combined: s.combined!, dedicated: s.dedicated!, single: s.single!, ratio: s.combined! / s.single! }
      },
      summary: () => [`cluster: 3 combined nodes, each step's end in s since the start (median): ${
        [...steps].map(([phase, ms]) => `${phase} ${(median(ms) / 1000).toFixed(2)}`).join(', ')}`],
    }
  },
}

const N = 100_000

/**
 * Proxy overhead: the replay benchmark's events through buildPlan + replayPlan into one broker, once
 * through the proxy a SUT uses and once through the harness's direct listener, in the same repetition
 * (order alternating), on a one-node environment with proxies (so replication does not hide the proxy).
 */
export const proxyOverhead: Benchmark = {
  id: 'proxy',
  title: 'replay through the broker proxy',
  metrics: [
    { key: 'direct', name: `${N.toLocaleString('en-US')} events, direct listener`, unit: 'records/s', digits: 0 },
    { key: 'proxied', name: `${N.toLocaleString('en-US')} events, through the proxy`, unit: 'records/s', digits: 0 },
    { key: 'ratio', name: 'through the proxy / direct', unit: 'ratio', target: { op: '>=', value: 0.9 } },
  ],
  async start() {
    const env: Environment = await startLocalEnvironment({ proxy: true })
    const direct = kafkaFor(env.connection, 'bench-direct')
    const proxied = kafkaFor({ ...env.connection, brokers: env.connection.sutBrokers! }, 'bench-proxied')
    const events = benchEvents(N)
    const connections: number[] = []
    const admin = direct.admin()
    await admin.connect()
    const rate = async (kafka: typeof direct): Promise<number> => {
      // createRunTopics waits until the broker serves the topic (kafkajs's waitForLeaders does not, on a loaded machine)
      const topic = `bench.proxy.${randomUUID()}`
      await createRunTopics(admin, [{ name: topic, partitions: 1 }])
      try {
        const r = await replayToTopic(kafka, topic, events)
        if (r.produced !== N) throw new Error(`replay produced ${r.produced} of ${N}`)
        return N / ((r.planMs + r.replayMs) / 1000)
      } finally {
        // the same admin: kafkajs's admin re-reads the metadata of every topic it has seen, and a topic
        // deleted behind its back fails its next call with UNKNOWN_TOPIC_OR_PARTITION
        await admin.deleteTopics({ topics: [topic] })
      }
    }
    return {
      async repeat(i) {
        const before = env.network!.connections(1)
        const first = i % 2 === 0 ? await rate(direct) : await rate(proxied)
        const second = i % 2 === 0 ? await rate(proxied) : await rate(direct)
        connections.push(env.network!.connections(1) - before)
        const [d, p] = i % 2 === 0 ? [first, second] : [second, first]
        return { direct: d, proxied: p, ratio: p / d }
      },
      summary: () => [`proxy: one broker, 1 partition, acks=all, idempotent producer with 1 request in flight; the proxied replays opened a median ${median(connections)} connection(s) through the proxy per repetition`],
      close: () => admin.disconnect().then(() => env.stop()),
    }
  },
}
