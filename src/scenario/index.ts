export { defineScenario } from './define.ts'
export { loadScenario } from './load.ts'
export { findScenarioFiles, SCENARIO_FILE } from './find.ts'
export { parseScenario, type ParseScenarioOptions } from './validate.ts'
export { environmentNeeds, scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema.ts'
export { parseDuration, parsePercent } from '../text/index.ts'
export {
  KEY_FORMATS,
  VALUE_FORMATS,
  type KeyFormat,
  type ValueFormat,
  type SchemaSource,
  type TopicSpec,
} from './topic-schema.ts'
export { readTopicSchema, compileSchema, type RegistrySchema } from './topic-schema-source.ts'
export type { InputSpec, OutputSpec } from './input-schema.ts'
export type { PerturbSpec, PerturbKind } from './perturb-schema.ts'
export type { OracleSpec, OracleKind, WindowSpec } from './oracle-schema.ts'
export type { SutSpec, SutRun, SutRunContext, ReadySpec } from './sut-schema.ts'
