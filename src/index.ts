// The public API of `stream-test`: everything users need, by name. The vitest face is `stream-test/vitest`.

// scenarios
export { defineScenario, loadScenario, parseScenario } from './scenario/index.ts'
export type { Scenario, ScenarioInput, OracleSpec, SutSpec, SutRun, SutRunContext, TopicSpec } from './scenario/index.ts'

// perturbations, as scenarios and replay() take them
export { reorder, duplicate, late, burst, replay, crashSut, restartBroker } from './perturb/index.ts'
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
  PerturbSpec,
} from './perturb/index.ts'

// running scenarios
export { runScenario, type RunScenarioOptions } from './runner/index.ts'
export { openHarness, type Harness } from './runner/index.ts'
export type { ScenarioResult, Verdict, Expectation, CrashRecord } from './result/index.ts'
export { runProperty, type PropertyRunOptions, type PropertyResult, type Regression } from './runner/index.ts'

// environments
export { startEnvironment, kafkaFor, type StartOptions } from './env/index.ts'
export type { Connection, EnvChoice, EnvKind, Environment, KafkaSecurity } from './env/index.ts'

// streams, plans and what the SUT wrote
export { readFixture, readFixtureAll, writeFixture, type StreamEvent } from './stream/index.ts'
export { buildPlan, type PlanInput } from './replay/index.ts'
export type { Plan, PlanOp, ProduceOp, FaultOp } from './replay/index.ts'
export type { CollectedRecord, CollectedTopic } from './collect/index.ts'

// SUTs
export { startProcessSut, startInProcessSut, SutError } from './sut/index.ts'
export type { Sut, SutContext, ProcessSutSpec, Readiness, InProcessRun } from './sut/index.ts'

// oracles and their findings
export { judgeExactlyOnce, type ExactlyOnceInput } from './oracle/index.ts'
export { judgeIdempotency, lastValuePerKey, type IdempotencyInput, type State } from './oracle/index.ts'
export { expectedWindows, judgeWindows, type WindowSpec, type WindowDef, type WindowMapping } from './oracle/index.ts'
export type { CorrelationSpec } from './oracle/index.ts'
export type { Violation, Note, OracleResult } from './oracle/index.ts'

// reports
export { createReporter, ConsoleReporter, JsonReporter, JunitReporter, HtmlReporter, renderDetails, renderViolation } from './report/index.ts'
export type { Reporter, ReporterKind, ReporterOptions, RunSummary, JsonReport } from './report/index.ts'

// backfill: a new SUT on recorded input, diffed per key against a baseline
export { backfillDryRun, renderBackfillConsole, renderBackfillJson } from './backfill/index.ts'
export type { BackfillOptions, BackfillReport, BackfillInput, BackfillBaseline, StateSummary } from './backfill/index.ts'

// errors
export { StreamTestError, InputError, EnvironmentError } from './errors.ts'
