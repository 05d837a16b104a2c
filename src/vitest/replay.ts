import { startCollector, type Collector } from '../collect/index.ts'
import { InputError } from '../errors.ts'
import { correlationFn, getPath, idText, type CorrelationSpec } from '../oracle/correlate.ts'
import { randomSeed } from '../perturb/rng.ts'
import type { PerturbSpec } from '../perturb/spec.ts'
import { buildPlan, type PlanInput } from '../replay/build-plan.ts'
import { valueEncoder } from '../replay/codec.ts'
import type { FaultOp, Plan, ProduceOp } from '../replay/plan.ts'
import { replayPlan } from '../replay/replay-plan.ts'
import { readFixtureAll, type StreamEvent } from '../stream/index.ts'
import { waitForFirstEffect } from '../runner/crash-point.ts'
import type { Perturb } from '../perturb/factories.ts'
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
  /** crash-sut: how an output names its input, to kill right after the event's output shows; default headers.st-id */
  outputId?: CorrelationSpec
}

/** What replay() sent: the plan's produce operations, in plan order, with the seed and the whole plan. */
export type Sent = ProduceOp[] & { seed: number; plan: Plan }

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
    const crash = plan.ops.some((op) => op.kind === 'crash-sut') ? await crashWatcher(run, topic, options.outputId) : undefined
    if (run.inputs.get(topic.name) === undefined) run.inputs.set(topic.name, run.latestGroup())
    try {
      await replayPlan(plan, {
        producer: await run.producer(),
        targets: { [topic.topic]: { name: topic.name, key: topic.format.key, encode } },
        onFault: async (op) => onFault(run, plan, op, topic, crash),
      })
    } finally {
      await crash?.stop()
    }
    const sent = plan.ops.filter((op): op is ProduceOp => op.kind === 'produce')
    return Object.assign(sent, { seed, plan })
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

interface CrashWatch {
  collector: Collector
  idOf: (r: Parameters<ReturnType<typeof correlationFn>>[0]) => string | undefined
  stop(): Promise<unknown>
}

/** Reads the test's other topics while replaying, to kill the SUT right after an event's output shows. */
async function crashWatcher(run: TestRun, input: TopicHandle, outputId: CorrelationSpec | undefined): Promise<CrashWatch | undefined> {
  const outputs = [...run.topics.values()].filter((t) => t.name !== input.name)
  if (outputs.length === 0) return undefined
  const targets = outputs.map((t) => ({ topic: t.topic, name: t.name, format: t.format }))
  const collector = await startCollector(run.kafka, run.collectorGroup(), targets, run.registry())
  return { collector, idOf: correlationFn(outputId ?? 'headers.st-id'), stop: () => collector.stop() }
}

async function onFault(run: TestRun, plan: Plan, op: FaultOp, input: TopicHandle, watch: CrashWatch | undefined): Promise<void> {
  if (op.kind === 'restart-broker') {
    throw new InputError('restart-broker is not available in vitest tests: the broker belongs to the whole run', {
      expected: 'crash-sut, or a scenario run with `stream-test run` for broker restarts',
      found: 'restart-broker',
    })
  }
  const current = run.suts.at(-1)
  if (current === undefined) {
    throw new InputError('crash-sut needs a running SUT: call sut.start(...) before replay()', { found: 'no SUT in this test' })
  }
  let last: ProduceOp | undefined
  for (let i = op.seq - 1; i >= 0 && last === undefined; i--) {
    const prev = plan.ops[i]
    if (prev?.kind === 'produce') last = prev
  }
  if (last !== undefined && watch !== undefined) {
    const id = last.id
    await waitForFirstEffect({
      admin: await run.admin(),
      collector: watch.collector,
      groupId: current.group,
      topic: input.name,
      partition: last.partition,
      isOutputOf: (r) => watch.idOf(r) === id,
      boundMs: 10_000,
    })
  }
  await current.sut.crash()
  await current.sut.restart()
}
