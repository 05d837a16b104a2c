import { randomUUID } from 'node:crypto'
import type { Kafka, Producer } from 'kafkajs'
import { kafkaFor } from '../src/env/index.ts'
import { evictMembers } from '../src/faults/evict.ts'
import { openGroupAdmin, type GroupAdmin } from '../src/faults/group-admin.ts'
import { MemberTracker } from '../src/faults/group-members.ts'
import { waitUntil } from '../src/wait-until.ts'
import { prepareJavaConsumers, startJavaConsumers, startKafkajsConsumer, type GroupApp } from '../test/integration/faults/group-apps.ts'
import { median, type Benchmark } from './benchmark.ts'

type Start = (groupId: string, topic: string) => Promise<GroupApp>

/**
 * Kill cost: a SUT instance (one consumer on its client's defaults: KafkaJS session timeout 30 s, Java
 * 45 s) consumes a 2-partition topic; SIGKILL, then the same command starts again in the same group.
 * Measured from the kill until the restarted instance has consumed a record (each partition gets one after
 * the kill, so there is one to read whatever the dead instance committed).
 * Evicted: the dead instance's members (attributed when it started) are removed with LeaveGroup at once;
 * `evict: false`: the restarted instance waits for the dead member's session to time out. Both in one run,
 * next to the floor: the same command's first start on a fresh group to its first record (no kill). The
 * evicted kill costs about the floor plus one LeaveGroup: a JVM's start dominates the Java row. And with two
 * instances, from the kill of one (evicted) until the other owns both partitions: the survivor learns of
 * the rebalance at its next heartbeat, which bounds how short a zombie-making `pause-sut` can be.
 */
export const killCost: Benchmark = {
  id: 'kill',
  title: 'kill → SUT consuming again, client-default session timeouts',
  metrics: [
    { key: 'kafkajsEvicted', name: 'KafkaJS SUT: kill → consuming again, evicted', unit: 's', target: { op: '<=', value: 2 } },
    { key: 'kafkajsNatural', name: 'KafkaJS SUT: kill → consuming again, evict: false', unit: 's' },
    { key: 'kafkajsRatio', name: 'KafkaJS SUT: evict: false / evicted', unit: 'ratio', digits: 1 },
    { key: 'kafkajsFloor', name: 'KafkaJS SUT: first start to first record (no kill)', unit: 's' },
    { key: 'kafkajsSurvivor', name: 'KafkaJS SUT, 2 instances: kill + evict → the survivor owns both partitions', unit: 's' },
    { key: 'javaEvicted', name: 'Java SUT: kill → consuming again, evicted', unit: 's', target: { op: '<=', value: 2 } },
    { key: 'javaNatural', name: 'Java SUT: kill → consuming again, evict: false', unit: 's' },
    { key: 'javaRatio', name: 'Java SUT: evict: false / evicted', unit: 'ratio', digits: 1 },
    { key: 'javaFloor', name: 'Java SUT: first start to first record (no kill)', unit: 's' },
    { key: 'javaSurvivor', name: 'Java SUT, 2 instances: kill + evict → the survivor owns both partitions', unit: 's' },
  ],
  async start(ctx) {
    const env = await ctx.env()
    const kafka = kafkaFor(env.connection, 'bench-kill')
    const groups = await openGroupAdmin(env.connection)
    await prepareJavaConsumers() // javac now, not inside the first measured start
    const kafkajs: Start = (groupId, topic) => startKafkajsConsumer(env.connection, groupId, topic)
    const java: Start = (groupId, topic) => startJavaConsumers(env.connection, groupId, topic, 1)
    const side: Record<'evictMs' | 'kafkajsStartMs' | 'javaStartMs', number[]> = { evictMs: [], kafkajsStartMs: [], javaStartMs: [] }
    const measure = async (start: Start, evict: boolean): Promise<{ seconds: number; floor: number }> => {
      const m = await killToConsuming(kafka, groups, start, evict)
      if (evict) {
        side.evictMs.push(m.evictMs)
        side[start === java ? 'javaStartMs' : 'kafkajsStartMs'].push(m.startMs)
      }
      return { seconds: m.seconds, floor: m.floorMs / 1000 }
    }
    return {
      async repeat() {
        const kafkajsEvicted = await measure(kafkajs, true)
        const kafkajsNatural = await measure(kafkajs, false)
        const javaEvicted = await measure(java, true)
        const javaNatural = await measure(java, false)
        return {
          kafkajsEvicted: kafkajsEvicted.seconds,
          kafkajsNatural: kafkajsNatural.seconds,
          kafkajsRatio: kafkajsNatural.seconds / kafkajsEvicted.seconds,
          kafkajsFloor: kafkajsEvicted.floor,
          javaEvicted: javaEvicted.seconds,
          javaNatural: javaNatural.seconds,
          javaRatio: javaNatural.seconds / javaEvicted.seconds,
          javaFloor: javaEvicted.floor,
          kafkajsSurvivor: await killToSurvivor(kafka, groups, kafkajs),
          javaSurvivor: await killToSurvivor(kafka, groups, java),
        }
      },
      summary: () => [
        `kill: evictMembers (ListGroups + LeaveGroup v3 on an open GroupAdmin) took ${median(side.evictMs).toFixed(0)} ms (median); ` +
          `of the evicted time, the restarted process's start to its first record took ${median(side.kafkajsStartMs).toFixed(0)} ms (KafkaJS) and ${median(side.javaStartMs).toFixed(0)} ms (Java, a JVM start)`,
      ],
      close: () => groups.close(),
    }
  },
}

/** A topic with one record per partition, its group, and clients for one measurement; `run` gets them and the apps it starts are killed after. */
async function withTopic<T>(kafka: Kafka, run: (t: { topic: string; groupId: string; producer: Producer; apps: GroupApp[] }) => Promise<T>): Promise<T> {
  const id = randomUUID().slice(0, 8)
  const topic = `bench-kill-${id}`
  const admin = kafka.admin()
  await admin.connect()
  const producer = kafka.producer()
  await producer.connect()
  const apps: GroupApp[] = []
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    await producer.send({ topic, messages: [{ partition: 0, value: 'before' }, { partition: 1, value: 'before' }] })
    return await run({ topic, groupId: topic, producer, apps })
  } finally {
    await Promise.all(apps.map((a) => a.kill()))
    await producer.disconnect()
    await admin.disconnect()
  }
}

async function killToSurvivor(kafka: Kafka, groups: GroupAdmin, start: Start): Promise<number> {
  return withTopic(kafka, async ({ topic, groupId, apps }) => {
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const survivor = await start(groupId, topic)
    apps.push(survivor)
    await survivor.assigned([0, 1], { timeoutMs: 60_000 })
    await tracker.attribute(0, { timeoutMs: 60_000 })
    await tracker.beforeStart(1)
    const victim = await start(groupId, topic)
    apps.push(victim)
    await victim.assigned('any', { timeoutMs: 60_000 })
    await tracker.attribute(1, { timeoutMs: 60_000 })
    await waitUntil(() => survivor.joins.at(-1)?.partitions.length === 1, {
      intervalMs: 20,
      timeoutMs: 60_000,
      onTimeout: () => new Error(`${groupId}: the survivor did not give up a partition to the second instance (assignments: ${JSON.stringify(survivor.joins)})`),
    })
    const t0 = performance.now()
    await victim.kill()
    const result = await evictMembers(groups, groupId, tracker.membersOf(1))
    if (result.status !== 'evicted') throw new Error(`evict ${groupId}: ${result.status}: ${result.reason ?? ''}`)
    await survivor.assigned([0, 1], { timeoutMs: 60_000 })
    return (performance.now() - t0) / 1000
  })
}

async function killToConsuming(kafka: Kafka, groups: GroupAdmin, start: Start, evict: boolean): Promise<{ seconds: number; evictMs: number; startMs: number; floorMs: number }> {
  return withTopic(kafka, async ({ topic, groupId, producer, apps }) => {
    const tracker = new MemberTracker(groups, groupId)
    await tracker.beforeStart(0)
    const t = performance.now()
    const first = await start(groupId, topic)
    apps.push(first)
    await first.consuming({ timeoutMs: 60_000 })
    const floorMs = performance.now() - t
    await tracker.attribute(0, { timeoutMs: 60_000 })

    const t0 = performance.now()
    await first.kill()
    let evictMs = Number.NaN
    if (evict) {
      const result = await evictMembers(groups, groupId, tracker.membersOf(0))
      if (result.status !== 'evicted') throw new Error(`evict ${groupId}: ${result.status}: ${result.reason ?? ''}`)
      evictMs = result.elapsedMs
    }
    await producer.send({ topic, messages: [{ partition: 0, value: 'after' }, { partition: 1, value: 'after' }] })
    const t1 = performance.now()
    const again = await start(groupId, topic)
    apps.push(again)
    await again.consuming({ timeoutMs: 120_000 })
    const done = performance.now()
    return { seconds: (done - t0) / 1000, evictMs, startMs: done - t1, floorMs }
  })
}
