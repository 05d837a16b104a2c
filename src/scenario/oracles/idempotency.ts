import { z } from 'zod'
import { InputError } from '../../errors.ts'
import { judgeIdempotency, lastValuePerKey, readSqlState, type State } from '../../oracle/index.ts'
import { strictObject } from '../shape.ts'
import { defineOracle, outputOf, type RunOutputs } from './oracle-module.ts'

const sqlQuery = strictObject({
  url: z.string().min(1),
  query: z.string().min(1),
  /** SQL run once the state is read, e.g. `drop table if exists sink_{{runId}}`, so runs leave nothing behind */
  cleanup: z.string().min(1).optional(),
})

/** `{{runId}}` in a SQL query names the run's own table (a SUT writes to `sink_{{runId}}`). */
const templated = (text: string, run: RunOutputs): string => text.replaceAll('{{runId}}', run.runId)

/** `idempotency`: the final state after the perturbed run equals the final state after a clean run of the de-duplicated stream. */
export const idempotency = defineOracle({
  kind: 'idempotency',
  schema: z.looseObject({
    output: z.string().min(1).optional(),
    compare: z.union([z.literal('last-value-per-key'), strictObject({ sql: sqlQuery })], {
      error: "'last-value-per-key' or { sql: { url, query } }",
    }),
  }),
  cleanRun: true,
  async judge(spec, ctx) {
    if (!ctx.clean) throw new Error('idempotency needs a clean run')
    const state = async (run: RunOutputs): Promise<State> => {
      if (spec.compare === 'last-value-per-key') {
        if (!spec.output) throw new InputError('idempotency with compare: last-value-per-key needs output: <topic>')
        return lastValuePerKey(outputOf(run, spec.output).committed)
      }
      const { url, query, cleanup } = spec.compare.sql
      return readSqlState(templated(url, run), templated(query, run), cleanup !== undefined ? { cleanup: templated(cleanup, run) } : {})
    }
    const [perturbed, expected] = await Promise.all([state(ctx.run), state(ctx.clean)])
    return judgeIdempotency({ perturbed, clean: expected, what: spec.output ?? 'sql' })
  },
})
