import { startCollector, type Collector } from '../collect/index.ts'
import { InputError } from '../errors.ts'
import { correlationFn, getPath, idText, type CorrelationSpec } from '../oracle/correlate.ts'
import { randomSeed } from '../perturb/rng.ts'
import type { PerturbSpec } from '../perturb/spec.ts'
import { BROKER_STEPS } from '../perturb/step.ts'
import { buildPlan, type PlanInput } from '../replay/build-plan.ts'
import { valueEncoder } from '../kafka/index.ts'
import type { Plan, ProduceOp } from '../replay/plan.ts'
import { replayPlan } from '../replay/replay-plan.ts'
import { readFixtureAll, type StreamEvent } from '../stream/index.ts'
import { EFFECT_BOUND_MS, runFault, type FaultContext, type FaultRecord } from '../faults/index.ts'
import type { Perturb } from '../perturb/index.ts'
import { toPerturbSpecs } from './perturbations.ts'
import { resolveTopic } from './streams.ts'
import type { TestRun, TopicHandle } from './test-run.ts'
import { fixturePath } from './fixture-path.ts'

/** An event as a test may write it: only `value` is needed (ts defaults to now + index). */
export type EventInput = Partial<StreamEvent> & { value: unknown }

export interface ReplayOptions {
  /** default: a random seed, printed when the test fails */
  seed?: number
  perturb?: readonly (Perturb | PerturbSpec)[]
  /** the event id: a path (`value.orderId`) or a function; default the fixture's `id`, else `<topic>-<n>` */
  id?: string | ((event: StreamEvent, index: number) => string | undefined)
  /** crash-sut / pause-sut: how an output names its input, to fire right after the event's output shows; default headers.st-id */
  outputId?: CorrelationSpec
}

/** What replay() sent: the plan's produce operations, in plan order, with the seed, the whole plan and its fault steps as carried out. */
export type Sent = ProduceOp[] & { seed: number; plan: Plan; faults: FaultRecord[] }

export type Replay = (topic: TopicHandle | string, source: string | readonly EventInput[], options?: ReplayOptions) => Promise<Sent>

export function createReplay(run: TestRun, testFile: string | undefined): Replay {
  return async (topicArg, source, options = {}) => {
    const topic = resolveTopic(run, topicArg)
    const seed = options.seed ?? randomSeed()
    run.seeds.push(seed)
    const events = typeof source === 'string' ? await readFixtureAll(fixturePath(source, testFile), topic.format) : normalize(source)
    const input: PlanInput = { topic: topic.topic, partitions: topic.partitions, events }
    const id = options.id
    if (typeof id === 'function') input.idOf = id
    else if (typeof id === 'string') input.idOf = (e) => idText(getPath(e, id))
    const plan = buildPlan([input], toPerturbSpecs(options.perturb ?? []), seed)
    const encode = await valueEncoder(topic.name, topic.format, run.registry)
    const placed = plan.ops.some((op) => op.kind === 'crash-sut' || op.kind === 'pause-sut')
    const watch = placed ? await effectWatcher(run, topic) : undefined
    const faults: FaultRecord[] = []
    if (run.inputs.get(topic.name) === undefined) run.inputs.set(topic.name, run.latestGroup())
    try {
      const ctx = await faultContext(run, plan, topic, options.outputId, watch, faults)
      await replayPlan(plan, {
        producer: await run.producer(),
        targets: { [topic.topic]: { name: topic.name, key: topic.format.key, encode } },
        onFault: async (op) => void (await runFault(ctx as FaultContext, op)),
      })
    } finally {
      await watch?.stop()
    }
    const sent = plan.ops.filter((op): op is ProduceOp => op.kind === 'produce')
    return Object.assign(sent, { seed, plan, faults })
  }
}


function normalize(events: readonly EventInput[]): StreamEvent[] {
  const now = Date.now()
  return events.map((e, i) => {
    const out: StreamEvent = { key: e.key ?? null, value: e.value, headers: e.headers ?? {}, ts: e.ts ?? now + i }
    if (e.partition !== undefined) out.partition = e.partition
    if (e.id !== undefined) out.id = e.id
    return out
  })
}

/** Reads the test's other topics while replaying, to fire a crash or pause right after an event's first effect. */
async function effectWatcher(run: TestRun, input: TopicHandle): Promise<Collector | undefined> {
  const outputs = [...run.topics.values()].filter((t) => t.name !== input.name)
  if (outputs.length === 0) return undefined
  const targets = outputs.map((t) => ({ topic: t.topic, name: t.name, format: t.format }))
  return startCollector(run.kafka, run.collectorGroup(), targets, run.registry())
}

/** The fault steps of a test's replay, carried out by src/faults/ on the test's latest SUT. */
async function faultContext(run: TestRun, plan: Plan, input: TopicHandle, outputId: CorrelationSpec | undefined, watch: Collector | undefined, records: FaultRecord[]): Promise<FaultContext | undefined> {
  const current = run.suts.at(-1)
  if (!plan.ops.some((op) => op.kind !== 'produce')) return undefined
  const brokerStep = plan.ops.find((op) => op.kind !== 'produce' && BROKER_STEPS.has(op.kind))
  if (brokerStep) {
    throw new InputError(`${brokerStep.kind} is not available in vitest tests: the brokers belong to the whole test run, shared by tests running in parallel`, {
      expected: 'crash-sut, pause-sut or scale-sut, or a scenario run with `stream-test run` for broker and network faults',
      found: brokerStep.kind,
    })
  }
  if (current === undefined) {
    throw new InputError('a SUT fault step needs a running SUT: call sut.start(...) before replay()', { found: 'no SUT in this test' })
  }
  return {
    plan,
    instances: current.sut,
    admin: run.admin,
    groupId: current.group,
    topicName: (topic) => (topic === input.topic ? input.name : (run.topics.get(topic)?.name ?? topic)),
    ...(watch ? { collector: watch } : {}),
    outputId: correlationFn(outputId ?? 'headers.st-id'),
    ...(current.membership ? { membership: current.membership } : {}),
    ongoing: run.ongoing,
    boundMs: EFFECT_BOUND_MS,
    records,
  }
}
