import { stat } from 'node:fs/promises'
import type { Problem } from './problems.ts'
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

/** The problems with the files a scenario names: missing fixtures, schema files, sql expectations; schemas that do not compile. */
export async function checkScenarioFiles(s: Scenario): Promise<Problem[]> {
  const problems: Problem[] = []
  const missing = async (file: string, what: string, path: (string | number)[]) => {
    if (await isFile(file)) return true
    problems.push({ reason: `${what} not found`, path, expected: EXISTING, found: `no file at ${file}` })
    return false
  }
  for (const [i, inp] of s.input.entries())
    if (inp.fixture !== undefined) await missing(inp.fixture, 'fixture file', ['input', i, 'fixture'])
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
  for (const [i, o] of s.oracles.entries())
    if (o.kind === 'sql') await missing(o.expect, 'expected rows file', ['oracles', i, 'sql', 'expect'])
  return problems
}
