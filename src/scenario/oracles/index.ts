// The oracles a scenario may name: one module each, in one list.
export { ORACLES, judgeOracle, needsCleanRun, oracleModule, oracleSchemas, type OracleKind, type OracleSchemas } from './list.ts'
export { defineOracle, outputOf, type JudgeContext, type OracleModule, type ReportIssue, type RunOutputs, type ScenarioParts } from './oracle-module.ts'
export { toOracleWindowSpec, type ScenarioWindow, type WindowsOptions } from './windows.ts'
