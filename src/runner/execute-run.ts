import { dirname } from 'node:path'
import type { Producer } from 'kafkajs'
import { startCollector, waitQuiescent, type Collector } from '../collect/index.ts'
import type { CollectedTopic } from '../collect/record.ts'
import { EFFECT_BOUND_MS, needsMembership, ongoingFaults, openGroupMembership, runFault, type FaultContext, type GroupMembership } from '../faults/index.ts'
import { log } from '../log.ts'
import { correlationFn } from '../oracle/correlate.ts'
import { valueEncoder } from '../kafka/index.ts'
import type { Plan } from '../replay/plan.ts'
import { replayPlan, type ReplayTarget } from '../replay/replay-plan.ts'
import { createRunTopics, deleteRunTopics, runGroupId, runTopicName } from '../kafka/index.ts'
import { RunFailed } from './run-failed.ts'
import { pickRunId } from './run-id.ts'
import type { TopicFormat } from '../kafka/index.ts'
import type { Scenario } from '../scenario/index.ts'
import { readTopicSchema } from '../scenario/index.ts'
import { SutError, SutInstances, type SutContext } from '../sut/index.ts'
import type { Harness } from './harness.ts'
import type { CrashRecord } from '../result/index.ts'
import { startSut } from './start-sut.ts'

export interface Execution {
  runId: string
  topics: Record<string, string>
  outputs: CollectedTopic[]
  crashes: CrashRecord[]
  sutOutput: string[]
  phases: Record<string, number>
}

async function topicFormats(scenario: Scenario): Promise<Record<string, TopicFormat>> {
  const out: Record<string, TopicFormat> = {}
  for (const [name, t] of Object.entries(scenario.topics)) {
    const schema = await readTopicSchema(t)
    out[name] = { partitions: t.partitions, key: t.key, value: t.value, ...(schema ? { schema: schema.schema } : {}), ...(t.message ? { message: t.message } : {}), ...(t.compatibility ? { compatibility: t.compatibility } : {}) }
  }
  return out
}

/**
 * One run (DESIGN.md "run"): its own topics and group, the SUT started against them, the plan replayed
 * with its fault steps, quiescence awaited, the outputs collected. Everything it starts, it stops.
 */
export async function executeRun(
  h: Harness,
  scenario: Scenario,
  file: string,
  plan: Plan,
  hooks: { keepTopics?: boolean } = {},
): Promise<Execution> {
  const prefix = h.env.connection.topicPrefix ?? 'st.'
  const runId = await pickRunId(h.kafka, prefix, scenario.environment?.['group-coordinator'])
  const topics = Object.fromEntries(Object.keys(scenario.topics).map((n) => [n, runTopicName(runId, n, prefix)]))
  const formats = await topicFormats(scenario)
  const ctx: SutContext = { brokers: h.env.connection.sutBrokers ?? h.env.connection.brokers, registryUrl: h.env.connection.registryUrl, runId, groupId: runGroupId(runId, prefix), topics }
  const phases: Record<string, number> = {}
  const crashes: CrashRecord[] = []
  const t = (name: string, since: number): void => void (phases[name] = (phases[name] ?? 0) + Date.now() - since)
  let since = Date.now()
  // a run's own admin: KafkaJS keeps every topic it has touched in its metadata set, and a deleted one
  // would fail every later metadata refresh of a shared admin
  const admin = h.kafka.admin()

  let collector: Collector | undefined
  let sut: SutInstances | undefined
  let membership: GroupMembership | undefined
  let producer: Producer | undefined
  let sutDied: Error | undefined
  const ongoing = ongoingFaults()
  let acked = -1
  try {
    // inside the try: a topic creation that fails still disconnects the admin and deletes what was created
    await admin.connect()
    await createRunTopics(admin, Object.entries(scenario.topics).map(([n, spec]) => ({ name: topics[n] as string, partitions: spec.partitions, leaders: spec.leaders })))
    t('topics', since)

    since = Date.now()
    const outputs = scenario.output.map((o) => ({ topic: o.topic, name: topics[o.topic] as string, format: formats[o.topic] as TopicFormat }))
    const collecting = startCollector(h.kafka, `${prefix}${runId}`, outputs, h.registry())
    const targets: Record<string, ReplayTarget> = {}
    for (const inp of new Set(scenario.input.map((i) => i.topic))) {
      const format = formats[inp] as TopicFormat
      targets[inp] = { name: topics[inp] as string, key: format.key, encode: await valueEncoder(topics[inp] as string, format, h.registry) }
    }
    producer = h.kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    if (needsMembership(plan)) membership = await openGroupMembership(h.env.connection, ctx.groupId)
    const starting = SutInstances.start(
      scenario.sut.instances,
      (instance) => startSut(scenario.sut, { ...ctx, instance }, dirname(file), admin),
      membership ?? {},
    )
    // start all three together; if one fails, the others must still be stopped (finally below)
    const [c, s, p] = await Promise.allSettled([collecting, starting, producer.connect()])
    if (c.status === 'fulfilled') collector = c.value
    if (s.status === 'fulfilled') sut = s.value
    for (const r of [s, c, p]) if (r.status === 'rejected') throw r.reason
    if (!collector || !sut) throw new Error('unreachable: collector and SUT started')
    sut.onUnexpectedExit((exit) => (sutDied = exit.error))
    t('sut-start', since)

    since = Date.now()
    const restart = h.env.restartBroker?.bind(h.env)
    const faults: FaultContext = {
      plan,
      instances: sut,
      admin,
      groupId: ctx.groupId,
      topicName: (topic) => topics[topic] as string,
      collector,
      outputId: correlationFn(scenario.output[0]?.id ?? 'headers.st-id'),
      ...(membership ? { membership } : {}),
      ...(restart ? { restartBroker: restart } : {}),
      ...(h.env.cluster ? { cluster: h.env.cluster } : {}),
      ...(h.env.network ? { network: h.env.network } : {}),
      ongoing,
      progress: () => acked,
      boundMs: EFFECT_BOUND_MS,
      records: crashes,
    }
    await replayPlan(plan, { producer, targets, onFault: async (op) => void (await runFault(faults, op)), onAcked: (ops) => void (acked = ops.at(-1)?.seq ?? acked) })
    // quiescence is judged once every timed broker or network fault is over (a killed broker without
    // `for` stays down: the SUT must finish on the nodes that are left)
    await ongoing.timed()
    t('replay', since)

    since = Date.now()
    const inputTopics = [...new Set(scenario.input.map((i) => topics[i.topic] as string))]
    await waitQuiescent({
      admin,
      groupId: ctx.groupId,
      inputTopics,
      lastArrival: () => (collector as Collector).lastArrival(),
      outputsBehind: () => (collector as Collector).behind(admin),
      settleMs: scenario.settle,
      timeoutMs: scenario.timeout,
      abort: () => sutDied,
    })
    t('quiescence', since)
    if (sutDied) throw sutDied
    since = Date.now()
    const sutOutput = sut.output()
    await sut.stop()
    const collected = await collector.stop()
    t('collect', since)
    return { runId, topics, outputs: collected, crashes, sutOutput, phases }
  } catch (err) {
    // a SutError from a start that never became an instance carries its own output
    throw new RunFailed(err, sut?.output() ?? (err instanceof SutError ? err.output : []))
  } finally {
    // every node back and every proxy clean before anything else: the next scenario shares the environment
    await ongoing.endAll().catch((e: unknown) => log().error({ err: e }, 'could not end a broker or network fault'))
    await Promise.all([sut?.stop(), collector?.stop(), producer?.disconnect(), membership?.close()].map((p) => p?.catch((e: unknown) => log().debug({ err: e }, 'cleanup'))))
    if (!hooks.keepTopics) await deleteRunTopics(admin, Object.values(topics))
    await admin.disconnect()
  }
}
