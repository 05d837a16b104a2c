// The oracles and their findings: what other folders use of oracle/.
export { canonicalJson } from './canonical.ts'
export { checkPath, compilePath, correlationFn, getPath, idText, type CorrelationSpec } from './correlate.ts'
export { judgeExactlyOnce, type ExactlyOnceInput } from './exactly-once.ts'
export { judgeIdempotency, lastValuePerKey, type IdempotencyInput, type State } from './idempotency.ts'
export { readSqlState, type SqlRow, type SqlStateOptions } from './sql-state.ts'
export type { Note, OracleResult, Violation } from './violation.ts'
export * from './windows/index.ts'
