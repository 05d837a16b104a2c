import { InputError } from '../errors.ts'
import { deriveRng, deriveSeed } from '../perturb/rng.ts'
import { toPerturbation, type PerturbSpec } from '../perturb/spec.ts'
import type { EventStep, Step } from '../perturb/step.ts'
import type { StreamEvent } from '../stream/event.ts'
import { partitionFor, roundRobin, type RoundRobin } from './partitioner.ts'
import type { Plan, PlanOp, ProduceOp } from './plan.ts'
import { mergeByTime } from '../stream/merge-by-time.ts'

/** One input stream of a scenario: the events for one topic. */
export interface PlanInput {
  /** the scenario's logical topic name */
  topic: string
  partitions: number
  events: readonly StreamEvent[]
  /** the event id when the event has no explicit `id` (e.g. from the scenario's id path) */
  idOf?: (event: StreamEvent, index: number) => string | undefined
}

const FAULTS: ReadonlySet<PerturbSpec['kind']> = new Set(['crash-sut', 'pause-sut', 'scale-sut', 'restart-broker', 'kill-broker', 'pause-broker', 'network'])

/**
 * Builds the plan: the exact produce operations and fault steps, in order. Same inputs + same seed
 * gives a byte-identical plan (JSON); the plan is plain JSON data.
 *
 * 1. Ids: `event.id`, else `idOf(event, index)`, else `${topic}-${n}` where n counts the events of that
 *    topic across inputs (for one input per topic, n is the event's index).
 * 2. Stream perturbations (all but the fault steps) run per input, in spec order; input k's
 *    i-th spec gets the rng deriveRng(deriveSeed(seed, `input:${k}`), i). An evolve-schema with a
 *    topic runs on that topic's inputs only.
 * 3. The inputs are merged into one arrival order: each input keeps its own (perturbed) order, and
 *    at each point the input whose next event has the smallest ts goes first (ties: earlier input).
 * 4. Fault specs then run on the merged order, in spec order, with deriveRng(seed, `faults:${i}`)
 *    for the i-th spec: their positions count produce operations of all inputs (crash after 50%
 *    = after half of everything the plan produces), wherever they appear in the spec list.
 * 5. Partitions: a pinned `event.partition` wins (it must be an integer in [0, partitions), else
 *    InputError); keyed events use Kafka's murmur2 partitioner; keyless events go round robin per
 *    topic, starting at partition 0, in plan order.
 * 6. Every op gets `seq` = its position in the plan; produce ops carry headers['st-id'] = id.
 */
export function buildPlan(inputs: readonly PlanInput[], specs: readonly PerturbSpec[], seed: number): Plan {
  const partitionsOf = checkTopics(inputs)
  const perTopicCount = new Map<string, number>()
  const streams = inputs.map((input, k) => {
    const offset = perTopicCount.get(input.topic) ?? 0
    perTopicCount.set(input.topic, offset + input.events.length)
    let steps: Step[] = input.events.map((event, j) => toStep(input, k, event, j, offset))
    const inputSeed = deriveSeed(seed, `input:${k}`)
    specs.forEach((spec, i) => {
      if (!FAULTS.has(spec.kind) && appliesTo(spec, input.topic)) steps = toPerturbation(spec)(steps, deriveRng(inputSeed, i))
    })
    return steps.filter((s): s is EventStep => s.kind === 'event')
  })
  const merged = mergeByTs(streams)
  let steps: Step[] = merged.map((m) => m.step)
  specs.forEach((spec, i) => {
    if (FAULTS.has(spec.kind)) steps = toPerturbation(spec)(steps, deriveRng(seed, `faults:${i}`))
  })
  const rr = new Map<string, RoundRobin>()
  const ops: PlanOp[] = []
  let e = 0
  for (const step of steps) {
    const seq = ops.length
    if (step.kind === 'fault') {
      ops.push(step.params ? { kind: step.fault, seq, params: step.params } : { kind: step.fault, seq })
      continue
    }
    const topic = inputs[merged[e++]!.input]!.topic
    ops.push(toProduceOp(step, seq, topic, partitionsOf.get(topic)!, rr))
  }
  return { seed, ops }
}

/** A stream perturbation applies to every input, but a schema evolution only to its topic's. */
function appliesTo(spec: PerturbSpec, topic: string): boolean {
  return spec.kind !== 'evolve-schema' || spec.topic === undefined || spec.topic === topic
}

function checkTopics(inputs: readonly PlanInput[]): Map<string, number> {
  const partitionsOf = new Map<string, number>()
  inputs.forEach((input, k) => {
    if (!Number.isInteger(input.partitions) || input.partitions < 1) {
      throw new InputError(`topic ${input.topic} has no valid partition count`, {
        path: `input[${k}].partitions`,
        expected: 'an integer >= 1',
        found: String(input.partitions),
      })
    }
    const known = partitionsOf.get(input.topic)
    if (known !== undefined && known !== input.partitions) {
      throw new InputError(`two inputs disagree on the partitions of topic ${input.topic}`, {
        path: `input[${k}].partitions`,
        expected: String(known),
        found: String(input.partitions),
      })
    }
    partitionsOf.set(input.topic, input.partitions)
  })
  return partitionsOf
}

export function toStep(input: PlanInput, k: number, event: StreamEvent, j: number, offset: number): EventStep {
  const where = { path: `input[${k}].events[${j}]`, ...(event.source ?? {}) }
  if (typeof event.ts !== 'number' || !Number.isFinite(event.ts)) {
    throw new InputError('event time is not a number', { ...where, path: `${where.path}.ts`, expected: 'ts in ms', found: String(event.ts) })
  }
  const p = event.partition
  if (p !== undefined && !(Number.isInteger(p) && p >= 0 && p < input.partitions)) {
    throw new InputError(`pinned partition does not exist in topic ${input.topic}`, {
      ...where,
      path: `${where.path}.partition`,
      expected: `a partition from 0 to ${input.partitions - 1} (topic ${input.topic} has ${input.partitions})`,
      found: String(p),
    })
  }
  const id = event.id ?? input.idOf?.(event, j) ?? `${input.topic}-${offset + j}`
  return { kind: 'event', event, id, copy: 0 }
}

/** The streams' steps in one arrival order by event time, each with the index of its input. */
function mergeByTs(streams: readonly EventStep[][]): { input: number; step: EventStep }[] {
  const out: { input: number; step: EventStep }[] = []
  mergeByTime(streams, (s) => s.event.ts, (step, input) => out.push({ input, step }))
  return out
}

export function toProduceOp(step: EventStep, seq: number, topic: string, partitions: number, rr: Map<string, RoundRobin>): ProduceOp {
  const { event } = step
  let partition = event.partition
  if (partition === undefined) {
    let counter = rr.get(topic)
    if (counter === undefined) rr.set(topic, (counter = roundRobin()))
    partition = partitionFor(event.key, partitions, counter)
  }
  const op: ProduceOp = {
    kind: 'produce',
    seq,
    topic,
    partition,
    key: event.key,
    value: event.value,
    headers: { ...event.headers, 'st-id': step.id },
    ts: event.ts,
    id: step.id,
    copy: step.copy,
  }
  if (step.late) op.late = true
  if (event.schema !== undefined) op.schema = event.schema
  if (event.source) op.source = { file: event.source.file, line: event.source.line }
  return op
}
