import { InputError } from '../errors.ts'
import { checkScenarioFiles } from './check-files.ts'
import { importTs } from './import-ts.ts'
import { scenarioError } from './problems.ts'
import type { Scenario } from './scenario-schema.ts'
import { parseScenario } from './validate.ts'

/** Load a `*.scenario.ts` (its default export, `defineScenario({...})`); errors name the file and the path. */
export async function loadTsScenario(file: string): Promise<Scenario> {
  let mod: { default?: unknown }
  try {
    mod = (await importTs(file)) as { default?: unknown }
  } catch (e) {
    throw new InputError(`the TS scenario could not be imported: ${(e as Error).message}`, { file })
  }
  if (mod.default === undefined)
    throw new InputError('no default export', { file, expected: 'export default defineScenario({...})' })
  const scenario = parseScenario(mod.default, { file })
  const problems = await checkScenarioFiles(scenario)
  if (problems.length > 0) throw scenarioError(problems, { file })
  return scenario
}
