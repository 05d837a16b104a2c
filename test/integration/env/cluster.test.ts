import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Admin, Kafka } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { kafkaFor, type Environment } from '../../../src/env/index.ts'
import { startLocalEnvironment } from '../../../src/env/local/index.ts'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import { consumeN } from '../helpers/consume.ts'

/** Java's String.hashCode, and Kafka's Utils.abs: which internal partition coordinates a key. */
function coordinatorPartition(key: string, partitions: number): number {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions
}

/** The process state letter from /proc (R, S, T for stopped, …), or undefined once it is gone. */
function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0]
  } catch {
    return undefined
  }
}

/** The JVM under a node's watchdog shell. */
function jvmPid(shellPid: number): number {
  const children = readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/).map(Number)
  const java = children.find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').startsWith('java'))
  if (java === undefined) throw new Error(`no java under shell ${shellPid}`)
  return java
}

let env: Environment
let harness: Kafka
let sut: Kafka
let admin: Admin

beforeAll(async () => {
  // its own three-node cluster, not the run's shared single broker
  env = await startLocalEnvironment({ nodes: 3 })
  harness = kafkaFor(env.connection, 'cluster-test')
  sut = kafkaFor({ ...env.connection, brokers: env.connection.sutBrokers! }, 'cluster-test-sut')
  admin = harness.admin()
  await admin.connect()
}, 180_000)

afterAll(async () => {
  await admin?.disconnect()
  await env?.stop()
})

async function leaderOf(topic: string, partition: number): Promise<number> {
  const meta = await admin.fetchTopicMetadata({ topics: [topic] })
  return meta.topics[0]!.partitions.find((p) => p.partitionId === partition)!.leader
}

describe('a local three-node cluster', () => {
  test('three brokers, replication 3 by default, min.insync.replicas 2, no unclean election', async () => {
    expect(env.cluster!.nodes().map((n) => [n.id, n.roles, n.state])).toEqual([
      [1, 'broker,controller', 'up'], [2, 'broker,controller', 'up'], [3, 'broker,controller', 'up'],
    ])
    const described = await admin.describeCluster()
    expect(described.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3])
    const topic = `it.cluster.${randomUUID()}`
    await createRunTopics(admin, [{ name: topic, partitions: 3 }])
    const meta = await admin.fetchTopicMetadata({ topics: [topic, '__consumer_offsets', '__transaction_state'] })
    for (const t of meta.topics) for (const p of t.partitions) expect(p.replicas, `${t.name}/${p.partitionId}`).toHaveLength(3)
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas', 'unclean.leader.election.enable'] }] })
    expect(Object.fromEntries(configs.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]))).toEqual({
      'min.insync.replicas': '2', 'unclean.leader.election.enable': 'false',
    })
  })

  test('the leader of partition 0 is killed: a new leader is elected, an acks=all producer goes on, every record is read back', async () => {
    const topic = `it.cluster.${randomUUID()}`
    await createRunTopics(admin, [{ name: topic, partitions: 1 }])
    const producer = sut.producer({ idempotent: true })
    await producer.connect()
    const batch = (from: number): { key: string; value: string }[] => Array.from({ length: 50 }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` }))
    await producer.send({ topic, acks: -1, messages: batch(0) })

    const leader = await env.cluster!.resolve({ role: 'leader', topic, partition: 0 })
    expect(leader).toBe(await leaderOf(topic, 0))
    await env.cluster!.kill(leader)
    expect(env.cluster!.nodes().find((n) => n.id === leader)?.state).toBe('down')
    await vi.waitFor(async () => {
      const now = await leaderOf(topic, 0)
      expect(now, `a new leader for ${topic}/0 (the old one, ${leader}, was killed)`).not.toBe(leader)
      expect(now).toBeGreaterThan(0)
    }, { timeout: 30_000, interval: 200 })

    await producer.send({ topic, acks: -1, messages: batch(50) })
    await producer.disconnect()
    const got = await consumeN(harness, topic, 100, { groupId: `it-${randomUUID()}`, timeoutMs: 30_000 })
    expect(got.map((m) => m.value)).toEqual([...batch(0), ...batch(50)].map((m) => m.value))

    await env.cluster!.restart(leader)
    expect(env.cluster!.nodes().find((n) => n.id === leader)?.state).toBe('up')
    expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3])
  }, 150_000)

  test('group and transaction coordinators resolve to the leader of the internal partition that owns the key', async () => {
    const offsets = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets', '__transaction_state'] })
    const leaderIn = (name: string, partition: number): number =>
      offsets.topics.find((t) => t.name === name)!.partitions.find((p) => p.partitionId === partition)!.leader
    for (const key of ['orders-app', 'st.run-1', `g-${randomUUID()}`]) {
      const partitions = offsets.topics.find((t) => t.name === '__consumer_offsets')!.partitions.length
      expect(await env.cluster!.resolve({ role: 'group-coordinator', groupId: key })).toBe(leaderIn('__consumer_offsets', coordinatorPartition(key, partitions)))
      const txPartitions = offsets.topics.find((t) => t.name === '__transaction_state')!.partitions.length
      expect(await env.cluster!.resolve({ role: 'transaction-coordinator', transactionalId: key })).toBe(leaderIn('__transaction_state', coordinatorPartition(key, txPartitions)))
    }
    expect([1, 2, 3]).toContain(await env.cluster!.resolve({ role: 'controller' }))
    expect(await env.cluster!.resolve({ broker: 2 })).toBe(2)
    await expect(env.cluster!.resolve({ broker: 7 })).rejects.toThrow(/no broker 7/)
  }, 60_000)

  test('pause stops the JVM (state T), resume continues it, and the cluster lists it again', async () => {
    const node = env.cluster!.nodes().find((n) => n.id === 3)!
    const pid = jvmPid(node.pid!)
    await env.cluster!.pause(3)
    await vi.waitFor(() => expect(procState(pid), `JVM ${pid} stopped`).toBe('T'), { timeout: 5_000, interval: 20 })
    expect(env.cluster!.nodes().find((n) => n.id === 3)?.state).toBe('paused')
    await env.cluster!.resume(3)
    await vi.waitFor(() => expect(procState(pid), `JVM ${pid} continued`).not.toBe('T'), { timeout: 5_000, interval: 20 })
    await vi.waitFor(async () => expect((await admin.describeCluster()).brokers.map((b) => b.nodeId)).toContain(3), { timeout: 30_000, interval: 200 })
  }, 60_000)
})

describe('the proxies in front of the brokers', () => {
  test('a client that knows only one proxy reaches every broker through the proxies; the harness through none', async () => {
    const topic = `it.proxy.${randomUUID()}`
    await createRunTopics(admin, [{ name: topic, partitions: 3 }])
    const meta = await admin.fetchTopicMetadata({ topics: [topic] })
    expect(new Set(meta.topics[0]!.partitions.map((p) => p.leader)), 'the three partitions have three leaders').toEqual(new Set([1, 2, 3]))
    const net = env.network!
    const before = net.brokers().map((id) => net.connections(id))
    // the harness's admin and clients use the direct listeners: no proxy sees them
    await admin.describeCluster()
    expect(net.brokers().map((id) => net.connections(id))).toEqual(before)

    const onlyOne = kafkaFor({ ...env.connection, brokers: [env.connection.sutBrokers![0]!] }, 'cluster-test-bootstrap')
    const producer = onlyOne.producer()
    await producer.connect()
    await producer.send({ topic, acks: -1, messages: [0, 1, 2].map((partition) => ({ partition, value: `p${partition}` })) })
    await producer.disconnect()
    const after = net.brokers().map((id) => net.connections(id))
    expect(after.map((n, i) => n - before[i]!).every((d) => d >= 1), `new connections per broker proxy: ${after.map((n, i) => n - before[i]!).join(', ')}`).toBe(true)
  }, 60_000)

  test('a delay on every proxy holds the SUT\'s request back while the harness, beside it, is answered', async () => {
    const topic = `it.proxy.${randomUUID()}`
    await createRunTopics(admin, [{ name: topic, partitions: 1 }])
    const sutProducer = sut.producer()
    const harnessProducer = harness.producer()
    await Promise.all([sutProducer.connect(), harnessProducer.connect()])
    // both producers know the leader already: the next send is one Produce request each
    await Promise.all([sutProducer.send({ topic, messages: [{ value: 'warm' }] }), harnessProducer.send({ topic, messages: [{ value: 'warm' }] })])
    const off = await env.network!.fault('all', { kind: 'delay', ms: 2000, direction: 'to-client' })
    let sutDone = false
    const t0 = Date.now()
    const sutSend = sutProducer.send({ topic, messages: [{ value: 'delayed' }] }).then(() => (sutDone = true))
    await harnessProducer.send({ topic, messages: [{ value: 'direct' }] })
    expect(sutDone, 'the SUT\'s produce is still waiting for its delayed answer').toBe(false)
    await sutSend
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000)
    await off()
    await Promise.all([sutProducer.disconnect(), harnessProducer.disconnect()])
  }, 60_000)
})
