import type { z } from 'zod'
import type { ScenarioPerturb } from './perturb-schema.ts'
import type { TopicSpec } from './topic-schema.ts'

/** Value formats whose schema can evolve inside a stream: a registry format with a compatibility check. */
export const EVOLVING_FORMATS = ['avro', 'json-schema'] as const

type Evolve = Extract<ScenarioPerturb, { kind: 'evolve-schema' }>

/** The topic an evolve-schema step changes: the one it names, else the only input topic with a registry format. */
export function evolvedTopic(step: Evolve, s: { input: readonly { topic: string }[]; topics: Record<string, TopicSpec> }): string | undefined {
  if (step.topic !== undefined) return step.topic
  const candidates = [...new Set(s.input.map((i) => i.topic))].filter((t) => (EVOLVING_FORMATS as readonly string[]).includes(s.topics[t]?.value ?? ''))
  return candidates.length === 1 ? candidates[0] : undefined
}

/** Each evolve-schema step names (or implies) one input topic whose values are avro or json-schema. */
export function checkSchemaEvolution(s: { perturb: ScenarioPerturb[]; input: readonly { topic: string }[]; topics: Record<string, TopicSpec> }, ctx: z.RefinementCtx): void {
  const inputs = new Set(s.input.map((i) => i.topic))
  s.perturb.forEach((p, i) => {
    if (p.kind !== 'evolve-schema') return
    const at = ['perturb', i, p.kind]
    const topic = evolvedTopic(p, s)
    if (topic === undefined) {
      ctx.addIssue({ code: 'custom', path: [...at, 'topic'], message: `topic: the input topic whose schema evolves (no single input topic has value ${EVOLVING_FORMATS.join(' or ')})` })
      return
    }
    if (!inputs.has(topic)) {
      ctx.addIssue({ code: 'custom', path: [...at, 'topic'], message: `an input topic listed under input: ${[...inputs].join(', ')}` })
      return
    }
    const value = s.topics[topic]?.value
    if (value !== undefined && !(EVOLVING_FORMATS as readonly string[]).includes(value))
      ctx.addIssue({
        code: 'custom',
        path: at,
        message: `a topic whose value is ${EVOLVING_FORMATS.join(' or ')} (its schema is registered and checked; topic ${topic} is value: ${value})`,
        params: { reason: 'evolve-schema on a topic without a registry schema', found: `topic ${topic} with value: ${value}` },
      })
  })
}
