import { readFile } from 'node:fs/promises'
import { DEFAULT_COMPATIBILITY } from '../env/registry/compatibility.ts'
import { RegistryError } from '../env/registry/registry-error.ts'
import { RegistryStore } from '../env/registry/store.ts'
import type { Problem } from './problems.ts'
import type { Scenario } from './scenario-schema.ts'
import { readTopicSchema } from './topic-schema-source.ts'

const REGISTRY_TYPES = { avro: 'AVRO', 'json-schema': 'JSON' } as const

/** A schema file a topic's values will be written with after its own schema, and where the scenario names it. */
interface NextSchema {
  topic: string
  file: string
  path: (string | number)[]
  what: string
}

/**
 * The problems of the schema changes inside a scenario's streams, found without a broker: the schema
 * files its fixture lines name (`schema`, in the order they first appear) and then its evolve-schema
 * steps' schemas, in step order, are registered after the topic's own schema under one subject of an
 * in-memory embedded registry, at the topic's compatibility level. A file that is missing or does not
 * parse, a change the level forbids, and schema files on a topic without a registry schema are problems
 * carrying the registry's own reason. `fixtureSchemas`: input index -> the schema files its fixture names.
 * Call after the topics' own schemas were checked.
 */
export async function checkSchemaEvolutionFiles(s: Scenario, fixtureSchemas: ReadonlyMap<number, ReadonlySet<string>> = new Map()): Promise<Problem[]> {
  const problems: Problem[] = []
  const next: NextSchema[] = []
  for (const [i, files] of fixtureSchemas) {
    const inp = s.input[i]
    if (!inp || files.size === 0) continue
    const value = s.topics[inp.topic]?.value ?? 'json'
    if (!(value in REGISTRY_TYPES)) {
      problems.push({ reason: `fixture lines name value schema files, but topic ${inp.topic} is value: ${value}`, path: ['input', i, 'fixture'], expected: 'a topic with value: avro or json-schema, or lines without "schema"', found: [...files].join(', ') })
      continue
    }
    for (const file of files) next.push({ topic: inp.topic, file, path: ['input', i, 'fixture'], what: 'a fixture line' })
  }
  for (const [i, p] of s.perturb.entries()) {
    if (p.kind === 'evolve-schema' && p.topic !== undefined && (s.topics[p.topic]?.value ?? '') in REGISTRY_TYPES)
      next.push({ topic: p.topic, file: p.schema, path: ['perturb', i, p.kind, 'schema'], what: 'evolve-schema' })
  }
  const store = new RegistryStore()
  const started = new Set<string>()
  for (const n of next) {
    const topic = s.topics[n.topic]
    if (!topic) continue
    const schemaType = REGISTRY_TYPES[topic.value as keyof typeof REGISTRY_TYPES]
    const level = topic.compatibility ?? DEFAULT_COMPATIBILITY
    const subject = `${n.topic}-value`
    let text: string
    try {
      text = await readFile(n.file, 'utf8')
    } catch {
      problems.push({ reason: `schema file of ${n.what} not found`, path: n.path, expected: 'an existing file (relative to the scenario for evolve-schema, to the fixture for its lines)', found: `no file at ${n.file}` })
      continue
    }
    try {
      if (!started.has(subject)) {
        started.add(subject)
        store.setSubjectLevel(subject, level)
        const first = await readTopicSchema(topic)
        if (first) store.register(subject, { schemaType, schema: first.schema, references: [] })
      }
      store.register(subject, { schemaType, schema: text, references: [] })
    } catch (e) {
      if (!(e instanceof RegistryError)) throw e
      problems.push(registryProblem(e, n, level))
    }
  }
  return problems
}

function registryProblem(e: RegistryError, n: NextSchema, level: string): Problem {
  const first = e.message.split('\n')[0] ?? e.message
  if (e.status === 409) {
    return {
      reason: `the schema change is refused under ${level}: ${first}`,
      path: n.path,
      expected: `a schema ${level}-compatible with topic ${n.topic}'s earlier schemas, or topics.${n.topic}.compatibility set to the level the change needs`,
      found: n.file,
    }
  }
  return { reason: `the new schema does not parse: ${first}`, path: n.path, expected: `a valid schema for topic ${n.topic}`, found: n.file }
}
