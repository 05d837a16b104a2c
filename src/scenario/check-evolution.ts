import { readFile } from 'node:fs/promises'
import { DEFAULT_COMPATIBILITY } from '../env/registry/compatibility.ts'
import { RegistryError } from '../env/registry/registry-error.ts'
import { RegistryStore } from '../env/registry/store.ts'
import type { Problem } from './problems.ts'
import type { Scenario } from './scenario-schema.ts'
import { readTopicSchema } from './topic-schema-source.ts'

const REGISTRY_TYPES = { avro: 'AVRO', 'json-schema': 'JSON' } as const

/**
 * The problems of a scenario's evolve-schema steps, found without a broker: each topic's schema and then
 * its steps' schemas, in step order, are registered under one subject of an in-memory embedded registry
 * at the topic's compatibility level. A schema file that is missing or does not parse, and a change the
 * level forbids, are problems carrying the registry's own reason. Call after the topics' own schemas
 * were checked.
 */
export async function checkSchemaEvolutionFiles(s: Scenario): Promise<Problem[]> {
  const problems: Problem[] = []
  const store = new RegistryStore()
  const started = new Set<string>()
  for (const [i, p] of s.perturb.entries()) {
    if (p.kind !== 'evolve-schema' || p.topic === undefined) continue
    const topic = s.topics[p.topic]
    const schemaType = topic ? REGISTRY_TYPES[topic.value as keyof typeof REGISTRY_TYPES] : undefined
    if (!topic || !schemaType) continue // reported by the schema's own check
    const path = ['perturb', i, p.kind, 'schema']
    const subject = `${p.topic}-value`
    let text: string
    try {
      text = await readFile(p.schema, 'utf8')
    } catch {
      problems.push({ reason: 'schema file not found', path, expected: "an existing file (relative paths resolve from the scenario's folder)", found: `no file at ${p.schema}` })
      continue
    }
    try {
      if (!started.has(subject)) {
        started.add(subject)
        store.setSubjectLevel(subject, topic.compatibility ?? DEFAULT_COMPATIBILITY)
        const first = await readTopicSchema(topic)
        if (first) store.register(subject, { schemaType, schema: first.schema, references: [] })
      }
      store.register(subject, { schemaType, schema: text, references: [] })
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e
      problems.push(registryProblem(e, path, p.schema, p.topic, topic.compatibility ?? DEFAULT_COMPATIBILITY))
    }
  }
  return problems
}

function registryProblem(e: RegistryError, path: (string | number)[], file: string, topic: string, level: string): Problem {
  const first = e.message.split('\n')[0] ?? e.message
  if (e.status === 409) {
    return {
      reason: `the schema change is refused under ${level}: ${first}`,
      path,
      expected: `a schema ${level}-compatible with topic ${topic}'s earlier schemas, or topics.${topic}.compatibility set to the level the change needs`,
      found: file,
    }
  }
  return { reason: `the new schema does not parse: ${first}`, path, expected: `a valid schema for topic ${topic}`, found: file }
}
