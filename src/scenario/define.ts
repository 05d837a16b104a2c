import type { ScenarioInput } from './scenario-schema.ts'

/** Types a TS scenario: `export default defineScenario({...})`. Validation happens when it is loaded. */
export function defineScenario(s: ScenarioInput): ScenarioInput {
  return s
}
