import { stat } from 'node:fs/promises'
import { InputError } from '../errors.ts'
import { checkSchemaEvolutionFiles } from './check-evolution.ts'
import type { IssuePath } from './issues.ts'
import type { Problem } from './problems.ts'
import { readFixture } from '../stream/read-fixture.ts'
import type { Scenario } from './scenario-schema.ts'
import { compileSchema, readTopicSchema } from './topic-schema-source.ts'

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile()
  } catch {
    return false
  }
}

const EXISTING = "an existing file (relative paths resolve from the scenario's folder)"

/**
 * The first bad line of a fixture, as a problem naming its file:line (none when every line is an event).
 * Streams the file line by line, as the run reads it: a million-line fixture is never held whole.
 * `schemas` collects the value schema files its lines name, in the order they first appear.
 */
export async function checkFixture(file: string, path: IssuePath, schemas?: Set<string>): Promise<Problem[]> {
  try {
    for await (const e of readFixture(file)) if (e.schema !== undefined) schemas?.add(e.schema)
    return []
  } catch (e) {
    if (!(e instanceof InputError)) throw e
    const { file: at = file, line, expected, found } = e.detail
    return [{
      reason: line !== undefined ? `bad fixture line ${at}:${line}: ${e.reason}` : `${at}: ${e.reason}`,
      path,
      ...(expected !== undefined ? { expected } : {}),
      ...(found !== undefined ? { found } : {}),
    }]
  }
}

/** The problems with the files a scenario names: missing fixtures, bad fixture lines, schema files, sql expectations; schemas that do not compile. */
export async function checkScenarioFiles(s: Scenario): Promise<Problem[]> {
  const problems: Problem[] = []
  const missing = async (file: string, what: string, path: (string | number)[]) => {
    if (await isFile(file)) return true
    problems.push({ reason: `${what} not found`, path, expected: EXISTING, found: `no file at ${file}` })
    return false
  }
  const fixtureSchemas = new Map<number, Set<string>>()
  for (const [i, inp] of s.input.entries()) {
    if (inp.fixture === undefined) continue
    const path = ['input', i, 'fixture']
    fixtureSchemas.set(i, new Set())
    if (await missing(inp.fixture, 'fixture file', path)) problems.push(...(await checkFixture(inp.fixture, path, fixtureSchemas.get(i))))
  }
  for (const [name, topic] of Object.entries(s.topics)) {
    if (topic.schema === undefined) continue
    if ('file' in topic.schema && !(await missing(topic.schema.file, 'schema file', ['topics', name, 'schema', 'file'])))
      continue
    const schema = await readTopicSchema(topic)
    if (schema === undefined) continue
    try {
      compileSchema(schema)
    } catch (e) {
      const first = (e as Error).message.split('\n')[0] ?? ''
      problems.push({
        reason: `${topic.value} schema does not compile: ${first}`,
        path: ['topics', name, 'schema'],
        expected: `a valid ${topic.value} schema`,
      })
    }
  }
  // a topic schema that does not compile was reported above; its evolutions are checked once it does
  if (!problems.some((p) => p.path[0] === 'topics')) problems.push(...(await checkSchemaEvolutionFiles(s, fixtureSchemas)))
  return problems
}
