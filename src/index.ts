// The public API of `stream-test`: everything users need, by name. The vitest face is `stream-test/vitest`.

// scenarios
export { defineScenario, loadScenario, parseScenario } from './scenario/index.ts'
export type { Scenario, ScenarioInput, OracleSpec, SutSpec, SutRun, SutRunContext, TopicSpec } from './scenario/index.ts'

// perturbations, as scenarios and replay() take them
export { reorder, duplicate, late, burst, replay, crashSut, restartBroker } from './perturb/factories.ts'
export { toPerturbSpecs } from './vitest/perturbations.ts'
export type {
  Perturb,
  Duration,
  Fraction,
  ReorderOptions,
  DuplicateOptions,
  LateOptions,
  BurstOptions,
  ReplayTimesOptions,
  FaultPointOptions,
} from './perturb/factories.ts'
export type { PerturbSpec } from './perturb/index.ts'

// running scenarios
export { runScenario, meetsExpectation, type RunScenarioOptions } from './runner/run-scenario.ts'
export { openHarness, type Harness } from './runner/harness.ts'
export type { ScenarioResult, Verdict, Expectation, CrashRecord } from './runner/result.ts'

// environments
export { startEnvironment, parseEnvChoice, kafkaFor, type StartOptions } from './env/index.ts'
export type { Connection, EnvChoice, EnvKind, Environment, KafkaSecurity } from './env/index.ts'

// streams, plans and what the SUT wrote
export { readFixture, readFixtureAll, writeFixture, type StreamEvent } from './stream/index.ts'
export { buildPlan, type PlanInput } from './replay/build-plan.ts'
export type { Plan, PlanOp, ProduceOp, FaultOp } from './replay/plan.ts'
export type { CollectedRecord, CollectedTopic } from './collect/index.ts'

// SUTs
export { startProcessSut, startInProcessSut, SutError } from './sut/index.ts'
export type { Sut, SutContext, ProcessSutSpec, Readiness, InProcessRun } from './sut/index.ts'

// oracles and their findings
export { judgeExactlyOnce, type ExactlyOnceInput } from './oracle/exactly-once.ts'
export { judgeIdempotency, lastValuePerKey, type IdempotencyInput, type State } from './oracle/idempotency.ts'
export { expectedWindows, judgeWindows, type WindowSpec, type WindowDef, type WindowMapping } from './oracle/windows/index.ts'
export type { CorrelationSpec } from './oracle/correlate.ts'
export type { Violation, Note, OracleResult } from './oracle/violation.ts'

// reports
export { renderDetails, renderViolation, createReporter, paint } from './report/index.ts'

// errors
export { StreamTestError, InputError, EnvironmentError } from './errors.ts'
