import { dirname } from 'node:path'
import { startCollector, waitQuiescent } from '../collect/index.ts'
import type { CollectedTopic } from '../collect/record.ts'
import { EFFECT_BOUND_MS, needsMembership, openGroupMembership, runFault, type FaultContext } from '../faults/index.ts'
import { correlationFn } from '../oracle/correlate.ts'
import { valueEncoder, type TopicFormat } from '../kafka/index.ts'
import type { Plan } from '../replay/plan.ts'
import { replayPlan, type ReplayTarget } from '../replay/replay-plan.ts'
import { checkInputWritten } from './input-written.ts'
import { RunFailed } from './run-failed.ts'
import { pickRunId } from './run-id.ts'
import { openRun, type Run } from './open-run.ts'
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
 * with its fault steps, quiescence awaited, the outputs collected. Everything it starts belongs to the
 * run (openRun) and is stopped when the run is disposed, however it ended. A run that ends in an error
 * throws RunFailed with the SUT's output up to then.
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
  await using run = await openRun(h.kafka, { runId, prefix, ...(hooks.keepTopics ? { keepTopics: true } : {}) })
  let sut: SutInstances | undefined
  try {
    return await replayThrough(h, run, scenario, file, plan, (started) => (sut = started))
  } catch (err) {
    // read before the run is disposed (the SUT stopped): the output up to the failure; a SutError from a
    // start that never became an instance carries its own
    throw new RunFailed(err, sut?.output() ?? (err instanceof SutError ? err.output : []))
  }
}

/** The steps of one run, in order, on a run that owns (and on dispose stops) whatever they start. */
async function replayThrough(h: Harness, run: Run, scenario: Scenario, file: string, plan: Plan, onSut: (sut: SutInstances) => void): Promise<Execution> {
  const { runId, admin } = run
  const prefix = h.env.connection.topicPrefix ?? 'st.'
  const topics = Object.fromEntries(Object.keys(scenario.topics).map((n) => [n, run.topicName(n)]))
  const formats = await topicFormats(scenario)
  const ctx: SutContext = { brokers: h.env.connection.sutBrokers ?? h.env.connection.brokers, registryUrl: h.env.connection.registryUrl, runId, groupId: run.groupId, topics }
  const phases: Record<string, number> = {}
  const crashes: CrashRecord[] = []
  const t = (name: string, since: number): void => void (phases[name] = (phases[name] ?? 0) + Date.now() - since)
  let since = Date.now()
  let sutDied: Error | undefined
  let acked = -1

  await run.createTopics(Object.entries(scenario.topics).map(([name, spec]) => ({ name, partitions: spec.partitions, leaders: spec.leaders })))
  t('topics', since)

  since = Date.now()
  const outputs = scenario.output.map((o) => ({ topic: o.topic, name: topics[o.topic] as string, format: formats[o.topic] as TopicFormat }))
  const targets: Record<string, ReplayTarget> = {}
  for (const inp of new Set(scenario.input.map((i) => i.topic))) {
    const format = formats[inp] as TopicFormat
    targets[inp] = { name: topics[inp] as string, key: format.key, encode: await valueEncoder(topics[inp] as string, format, h.registry) }
  }
  const membership = needsMembership(plan) ? run.own('group membership', await openGroupMembership(h.env.connection, ctx.groupId), (m) => m.close()) : undefined
  // started together; each belongs to the run as soon as it started, so a failure of one stops the others
  const [collector, sut, producer] = await allStarted([
    startCollector(h.kafka, `${prefix}${runId}`, outputs, h.registry()).then((c) => run.own('collector', c, (x) => x.stop())),
    SutInstances.start(scenario.sut.instances, (instance) => startSut(scenario.sut, { ...ctx, instance }, dirname(file), admin), membership ?? {}).then((s) => {
      onSut(s)
      return run.own('SUT', s, (x) => x.stop())
    }),
    run.producer(),
  ] as const)
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
    ongoing: run.ongoing,
    progress: () => acked,
    boundMs: EFFECT_BOUND_MS,
    records: crashes,
  }
  await replayPlan(plan, { producer, targets, onFault: async (op) => void (await runFault(faults, op)), onAcked: (ops) => void (acked = ops.at(-1)?.seq ?? acked) })
  // quiescence is judged once every timed broker or network fault is over (a killed broker without
  // `for` stays down: the SUT must finish on the nodes that are left)
  await run.ongoing.timed()
  await checkInputWritten(admin, plan, topics, new Set(scenario.output.map((o) => o.topic)))
  t('replay', since)

  since = Date.now()
  const inputTopics = [...new Set(scenario.input.map((i) => topics[i.topic] as string))]
  await waitQuiescent({
    admin,
    groupId: ctx.groupId,
    inputTopics,
    lastArrival: () => collector.lastArrival(),
    outputsBehind: () => collector.behind(admin),
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
  await run.endFaults()
  t('collect', since)
  return { runId, topics, outputs: collected, crashes, sutOutput, phases }
}

/** Every promise settled, then their values, or the first failure in list order. */
async function allStarted<T extends readonly unknown[]>(starting: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starting)
  for (const r of settled) if (r.status === 'rejected') throw r.reason
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T
}
