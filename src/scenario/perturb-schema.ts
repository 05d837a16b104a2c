import { z } from 'zod'
import { duration, fraction, parsePercent, percent } from './duration.ts'
import { exactlyOne, singleKey, strictObject } from './shape.ts'
import { BROKER_ROLES, DIRECTIONS, LINKS, NETWORK_FAULTS, PLACEMENTS, type Placement } from '../perturb/index.ts'

const count = z.number().int().min(1)

/** Where a fault step goes: after a fraction of the plan, at a plan position, or chosen by the seed. */
const point = {
  /** '50%': after half of the produce operations */
  after: percent.optional(),
  /** after this many produce operations */
  at: z.number().int().min(0).optional(),
  /** the seed picks the position */
  seeded: z.literal(true).optional(),
}
const onePoint = exactlyOne<{ after?: unknown; at?: unknown; seeded?: unknown }>(['after', 'at', 'seeded'])

/** Which SUT instance a step hits and when, after its event, it fires. */
const instanceFault = {
  ...point,
  /** 0-based; default: chosen by the seed among the running instances */
  instance: z.number().int().min(0).optional(),
  /** first-effect (default): the event's output visible or its offset committed, whichever comes first */
  on: z.enum(PLACEMENTS as [Placement, ...Placement[]]).optional(),
  /** remove the instance's consumer-group members at once instead of waiting for their session timeout */
  evict: z.boolean().optional(),
}

const DIRECTION = z.enum(DIRECTIONS)

/** Which broker a broker or network step acts on: `broker: 2`, or a role resolved when the step runs. */
const brokerTarget = {
  /** a node id (1..nodes) */
  broker: z.number().int().min(1).optional(),
  role: z.enum(BROKER_ROLES).optional(),
  /** role leader: the scenario's topic whose partition leader is meant */
  topic: z.string().min(1).optional(),
  /** role leader: the partition (default 0) */
  partition: z.number().int().min(0).optional(),
  /** role transaction-coordinator: the SUT's transactional id; `{{group}}` is the run's group */
  'transactional-id': z.string().min(1).optional(),
}
/** kill-broker, pause-broker, network: when, after its event, the step fires (default first-effect: the SUT is writing) */
const placedOn = { on: z.enum(PLACEMENTS as [Placement, ...Placement[]]).optional() }
type TargetFields = { broker?: number | undefined; role?: (typeof BROKER_ROLES)[number] | undefined; topic?: string | undefined; partition?: number | undefined; 'transactional-id'?: string | undefined }

/** A role's own fields are present, and only with their role; `required`: a broker must be named. */
function checkTarget(required: boolean) {
  return (t: TargetFields, ctx: z.RefinementCtx): void => {
    if (t.broker !== undefined && t.role !== undefined) ctx.addIssue({ code: 'custom', path: ['role'], message: 'either broker or role, not both' })
    if (required && t.broker === undefined && t.role === undefined) ctx.addIssue({ code: 'custom', message: 'a broker: broker: N or role: leader | group-coordinator | transaction-coordinator | controller' })
    if (t.role === 'leader' && t.topic === undefined) ctx.addIssue({ code: 'custom', path: ['topic'], message: 'topic: role leader needs the topic whose partition leader is meant' })
    if (t.role !== 'leader') for (const k of ['topic', 'partition'] as const) if (t[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `no ${k}: it goes with role: leader` })
    if (t.role === 'transaction-coordinator' && t['transactional-id'] === undefined) ctx.addIssue({ code: 'custom', path: ['transactional-id'], message: "transactional-id: role transaction-coordinator needs the SUT's transactional id, e.g. '{{group}}-tx-0'" })
    if (t.role !== 'transaction-coordinator' && t['transactional-id'] !== undefined) ctx.addIssue({ code: 'custom', path: ['transactional-id'], message: 'no transactional-id: it goes with role: transaction-coordinator' })
  }
}

/** `'50%'` (a fraction of the topic's events) or an event index, as a plan spec's `after` or `at` */
const evolvePoint = z
  .custom<string | number>((v) => parsePercent(v) !== undefined || (typeof v === 'number' && Number.isInteger(v) && v >= 0), {
    error: "a percent of the topic's events like '50%', or the index of the first event with the new schema",
  })
  .transform((v) => (typeof v === 'number' ? { at: v } : { after: parsePercent(v) as number }))

const positiveDuration = duration.refine((ms) => ms > 0, { error: 'a duration > 0' })

/** Events from `at` on are encoded with `schema`, a new version of the topic's subject (avro, json-schema) */
const evolveSchemaStep = strictObject({
  at: evolvePoint,
  /** the new value schema's file (relative to the scenario's folder) */
  schema: z.string().min(1),
  /** the input topic whose schema evolves; default: the only input topic with a registry format */
  topic: z.string().min(1).optional(),
})

/** The perturbations a scenario may list, by name; each parses to `{ kind: name, ...options }`. */
export const perturbations = {
  reorder: strictObject({
    /** shuffle events whose event times are within this duration of each other */
    within: duration.optional(),
    /** move each event by at most this many positions */
    positions: count.optional(),
  }).superRefine(exactlyOne(['within', 'positions'])),
  duplicate: strictObject({
    rate: fraction,
    copies: count.default(1),
    /** a copy lands up to this many positions after its original */
    spread: z.number().int().min(0).default(10),
  }),
  late: strictObject({
    rate: fraction,
    /** how far behind the stream's event time a late event arrives */
    by: duration,
  }),
  burst: strictObject({
    size: count,
    every: count.optional(),
  }),
  replay: strictObject({
    times: count.default(1),
  }),
  'crash-sut': strictObject(instanceFault).superRefine(onePoint),
  /** SIGSTOP, then SIGCONT after `for`; with `evict: true` the instance wakes as a zombie */
  'pause-sut': strictObject({ ...instanceFault, for: duration.refine((ms) => ms > 0, { error: 'a duration > 0' }) }).superRefine(onePoint),
  /** start or gracefully stop instances so that `to` run after the step */
  'scale-sut': strictObject({ ...point, to: count }).superRefine(onePoint),
  /** without a broker: every node in place; with one: that node (back from a kill or pause, or stopped gracefully and started) */
  'restart-broker': strictObject({ ...point, ...brokerTarget }).superRefine(onePoint).superRefine(checkTarget(false)),
  /** SIGKILL a broker; back after `for`, at a later restart-broker, or when the run ends */
  'kill-broker': strictObject({ ...point, ...brokerTarget, ...placedOn, for: positiveDuration.optional() }).superRefine(onePoint).superRefine(checkTarget(true)),
  /** SIGSTOP a broker for `for`, then SIGCONT */
  'pause-broker': strictObject({ ...point, ...brokerTarget, ...placedOn, for: positiveDuration }).superRefine(onePoint).superRefine(checkTarget(true)),
  /** a fault on the SUT's connections to one broker (default: every broker) through its proxy, for `for` */
  network: strictObject({
    ...point,
    ...brokerTarget,
    ...placedOn,
    fault: z.enum(NETWORK_FAULTS),
    /** delay: added latency per chunk, ms */
    ms: z.number().int().min(0).optional(),
    /** delay, stall: one direction only (default both) */
    direction: DIRECTION.optional(),
    /** one-way: the direction whose bytes are dropped */
    drop: DIRECTION.optional(),
    /** clients (default): the SUT's connections to the broker; replication: the other brokers' fetches from it (a cluster only) */
    link: z.enum(LINKS).optional(),
    for: positiveDuration,
  }).superRefine(onePoint).superRefine(checkTarget(false)).superRefine((n, ctx) => {
    if (n.fault === 'delay' && n.ms === undefined) ctx.addIssue({ code: 'custom', path: ['ms'], message: 'ms: a delay needs its milliseconds' })
    if (n.fault !== 'delay' && n.ms !== undefined) ctx.addIssue({ code: 'custom', path: ['ms'], message: 'no ms: it goes with fault: delay' })
    if (n.fault === 'one-way' && n.drop === undefined) ctx.addIssue({ code: 'custom', path: ['drop'], message: 'drop: to-broker | to-client, the direction one-way drops' })
    if (n.fault !== 'one-way' && n.drop !== undefined) ctx.addIssue({ code: 'custom', path: ['drop'], message: 'no drop: it goes with fault: one-way' })
    if ((n.fault === 'cut' || n.fault === 'one-way') && n.direction !== undefined) ctx.addIssue({ code: 'custom', path: ['direction'], message: 'no direction: it goes with fault: delay or stall' })
  }),
  'evolve-schema': evolveSchemaStep,
}

export const perturbSchema = singleKey('perturbation', perturbations)

/** A perturbation as the scenario writes it (before toPlanSpecs turns it into perturb/'s PerturbSpec). */
export type ScenarioPerturb = z.output<typeof perturbSchema>
