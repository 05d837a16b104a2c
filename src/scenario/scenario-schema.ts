import { z } from 'zod'
import type { Expectation } from '../result/index.ts'
import { BROKER_STEPS, type FaultKind } from '../perturb/index.ts'
import { duration } from './duration.ts'
import { checkSchemaEvolution } from './evolve-schema-check.ts'
import { inputSchema, outputSchema } from './input-schema.ts'
import { oracleSchema } from './oracle-schema.ts'
import { oracleModule } from './oracles/index.ts'
import { perturbSchema, type ScenarioPerturb } from './perturb-schema.ts'
import { strictObject } from './shape.ts'
import { sutSchema, type SutSpec } from './sut-schema.ts'
import { topicsSchema } from './topic-schema.ts'

const VERDICTS = ['pass', 'fail', 'error'] as const

/** `pass`, or `{ verdict: fail, violations: [duplicated] }`: what the scenario expects of its run. */
const expectSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { verdict: v } : v),
  strictObject({
    verdict: z.enum(VERDICTS),
    /** violation kinds that must all be reported */
    violations: z.array(z.string().min(1)).default([]),
  }),
) as unknown as z.ZodType<Expectation, 'pass' | 'fail' | 'error' | { verdict: Expectation['verdict']; violations?: string[] }>

function oneOf(names: Iterable<string>): string {
  const list = [...names]
  return list.length === 0 ? 'none declared' : `one of ${list.join(', ')}`
}

type BrokerStep = Extract<ScenarioPerturb, { kind: 'restart-broker' | 'kill-broker' | 'pause-broker' | 'network' }>

function isBrokerStep(p: ScenarioPerturb): p is BrokerStep {
  return BROKER_STEPS.has(p.kind as FaultKind)
}

/** Broker steps name brokers and partitions that exist, and a kill of the only broker says when it comes back. */
function checkBrokerSteps(s: { perturb: ScenarioPerturb[]; topics: Record<string, { partitions: number; leaders?: number[] | undefined }>; environment?: { nodes: number; 'group-coordinator'?: number | { not: number } | undefined } | undefined }, ctx: z.RefinementCtx): void {
  const nodes = s.environment?.nodes ?? 1
  const wanted = s.environment?.['group-coordinator']
  const coordinator = typeof wanted === 'object' ? wanted.not : wanted
  if (coordinator !== undefined && coordinator > nodes)
    ctx.addIssue({ code: 'custom', path: ['environment', 'group-coordinator'], message: `a broker from 1 to ${nodes} (environment.nodes is ${nodes})`, params: { found: String(coordinator) } })
  for (const [name, t] of Object.entries(s.topics)) {
    t.leaders?.forEach((b, i) => {
      if (b > nodes) ctx.addIssue({ code: 'custom', path: ['topics', name, 'leaders', i], message: `a broker from 1 to ${nodes} (environment.nodes is ${nodes})`, params: { found: String(b) } })
    })
  }
  s.perturb.forEach((p, i) => {
    if (!isBrokerStep(p)) return
    const at = ['perturb', i, p.kind]
    if (p.broker !== undefined && p.broker > nodes)
      ctx.addIssue({ code: 'custom', path: [...at, 'broker'], message: `a broker from 1 to ${nodes} (environment.nodes is ${nodes})` })
    if (p.topic !== undefined) {
      const topic = s.topics[p.topic]
      if (!topic) ctx.addIssue({ code: 'custom', path: [...at, 'topic'], message: `a topic declared under topics: ${oneOf(Object.keys(s.topics))}` })
      else if ((p.partition ?? 0) >= topic.partitions)
        ctx.addIssue({ code: 'custom', path: [...at, 'partition'], message: `a partition below ${topic.partitions} (topic ${p.topic} has ${topic.partitions})` })
    }
    if (p.kind === 'kill-broker' && p.for === undefined && nodes === 1)
      ctx.addIssue({ code: 'custom', path: at, message: 'for: a duration (the only broker of a one-node environment must come back; or environment: { nodes: 3 })' })
    if (p.kind === 'network' && p.link === 'replication' && nodes === 1)
      ctx.addIssue({ code: 'custom', path: [...at, 'link'], message: 'environment: { nodes: 3 } (a one-node environment replicates nothing)' })
  })
}

/** What a scenario needs of its environment: its node count, and whether it needs node controls and proxies. */
export function environmentNeeds(s: { perturb: readonly ScenarioPerturb[]; environment?: { nodes: number } | undefined }): { nodes: number; cluster: boolean } {
  const nodes = s.environment?.nodes ?? 1
  // a restart of every node needs no node controls; a restart of one broker does
  const cluster = nodes > 1 || s.perturb.some((p) => isBrokerStep(p) && (p.kind !== 'restart-broker' || p.broker !== undefined || p.role !== undefined))
  return { nodes, cluster }
}

/** Instance numbers exist (counting instances added by scale-sut), and pauses need a process to stop. */
function checkFaultSteps(perturb: ScenarioPerturb[], sut: SutSpec, ctx: z.RefinementCtx): void {
  const most = Math.max(sut.instances, ...perturb.map((p) => (p.kind === 'scale-sut' ? p.to : 0)))
  perturb.forEach((p, i) => {
    if ((p.kind === 'crash-sut' || p.kind === 'pause-sut') && p.instance !== undefined && p.instance >= most)
      ctx.addIssue({
        code: 'custom',
        path: ['perturb', i, p.kind, 'instance'],
        message: `an instance below ${most} (sut.instances is ${sut.instances}${most > sut.instances ? `, scale-sut goes up to ${most}` : ''}; instances count from 0)`,
      })
    if (p.kind === 'pause-sut' && sut.kind === 'in-process')
      ctx.addIssue({ code: 'custom', path: ['perturb', i, p.kind], message: 'a process SUT (sut.command): an in-process SUT cannot be stopped with SIGSTOP' })
  })
}

/** One schema for YAML and TS scenarios (DESIGN.md section 8). */
export const scenarioSchema = strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  topics: topicsSchema,
  input: z.array(inputSchema).min(1),
  perturb: z.array(perturbSchema).default([]),
  sut: sutSchema,
  output: z.array(outputSchema).default([]),
  oracles: z.array(oracleSchema).min(1),
  expect: expectSchema.default({ verdict: 'pass', violations: [] }),
  /** how long the SUT may take to become quiescent */
  timeout: duration.default(30_000),
  /** no output for this long (and no lag) = quiescent */
  settle: duration.default(300),
  seed: z.number().int().optional(),
  /** a sweep: run the scenario this many times, each run with its own seed (its own crash points and timings) */
  runs: z.number().int().min(1).optional(),
  /** the environment the scenario needs: a local cluster of `nodes` KRaft nodes behind proxies (DESIGN.md section 10) */
  environment: strictObject({
    nodes: z.number().int().min(1).max(9),
    /** the broker that coordinates the SUT's group: the run picks a group id it coordinates (placement the scenario controls) */
    'group-coordinator': z.union([z.number().int().min(1), strictObject({ not: z.number().int().min(1) })]).optional(),
  }).optional(),
  /** run with no other scenario running under `--concurrency` (broker steps and `environment:` imply it) */
  exclusive: z.boolean().optional(),
}).superRefine((s, ctx) => {
  const topics = new Set(Object.keys(s.topics))
  const outputs = new Set(s.output.map((o) => o.topic))
  const declared = (topic: string, path: (string | number)[], what: string) => {
    if (!topics.has(topic)) ctx.addIssue({ code: 'custom', path, message: `${what} declared under topics: ${oneOf(topics)}` })
  }
  s.input.forEach((inp, i) => {
    declared(inp.topic, ['input', i, 'topic'], 'an input topic')
    const partitions = s.topics[inp.topic]?.partitions
    inp.events?.forEach((e, j) => {
      if (partitions !== undefined && e.partition !== undefined && e.partition >= partitions)
        ctx.addIssue({
          code: 'custom',
          path: ['input', i, 'events', j, 'partition'],
          message: `a partition below ${partitions} (topic ${inp.topic} has ${partitions})`,
        })
    })
  })
  checkFaultSteps(s.perturb, s.sut, ctx)
  checkBrokerSteps(s, ctx)
  checkSchemaEvolution(s, ctx)
  s.output.forEach((o, i) => declared(o.topic, ['output', i, 'topic'], 'an output topic'))
  s.oracles.forEach((o, i) => {
    // the oracle's own checks against the rest of the scenario, then the one every oracle with an output shares
    oracleModule(o.kind)?.check?.(o, s, (path, message) => ctx.addIssue({ code: 'custom', path: ['oracles', i, o.kind, ...path], message }))
    const out = 'output' in o ? o.output : undefined
    if (typeof out === 'string' && !outputs.has(out))
      ctx.addIssue({
        code: 'custom',
        path: ['oracles', i, o.kind, 'output'],
        message: `an output topic listed under output: ${oneOf(outputs)}`,
      })
  })
})

/** A validated scenario: defaults filled, durations in ms, perturbations and oracles tagged by `kind`. */
export type Scenario = z.output<typeof scenarioSchema>
/** A scenario as people write it (YAML or `defineScenario({...})`). */
export type ScenarioInput = z.input<typeof scenarioSchema>
