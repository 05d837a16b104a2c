import type { z } from 'zod'
import { oracleSchemas } from './oracles/index.ts'
import { singleKey } from './shape.ts'

/**
 * `oracles:` items, built from the oracle modules' list (oracles/list.ts): each parses to
 * `{ kind: name, ...options }`, an unknown name is an error that lists the known ones. A scenario can
 * name only an oracle that has a module, and a module always has a judge.
 */
export const oracleSchema = singleKey('oracle', oracleSchemas)

export type OracleSpec = z.output<typeof oracleSchema>
export type { OracleKind, ScenarioWindow } from './oracles/index.ts'
