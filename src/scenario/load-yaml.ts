import { readFile } from 'node:fs/promises'
import { LineCounter, parseDocument } from 'yaml'
import { InputError } from '../errors.ts'
import { checkScenarioFiles } from './check-files.ts'
import { scenarioError } from './problems.ts'
import type { Scenario } from './scenario-schema.ts'
import { parseScenario } from './validate.ts'
import { yamlLocator, type Locate } from './yaml-locate.ts'

/** Load a `*.scenario.yaml`: syntax, schema and file problems are InputErrors with file:line:column. */
export async function loadYamlScenario(file: string): Promise<Scenario> {
  const text = await readFile(file, 'utf8')
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true })
  const [err] = doc.errors
  if (err) {
    const pos = err.linePos?.[0]
    const message = err.message.split(' at line ')[0]?.split('\n')[0] ?? err.message
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error(s))` : ''
    throw new InputError(`YAML syntax error: ${message}${more}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    })
  }
  const found = yamlLocator(doc, lc)
  const locate: Locate = (path, opts) => found(path, opts) ?? { line: 1, column: 1 }
  let raw: unknown
  try {
    raw = doc.toJS()
  } catch (e) {
    throw new InputError(`YAML could not be read: ${(e as Error).message}`, { file, line: 1, column: 1 })
  }
  const scenario = parseScenario(raw, { file, locate })
  const problems = await checkScenarioFiles(scenario)
  if (problems.length > 0) throw scenarioError(problems, { file, locate })
  return scenario
}
