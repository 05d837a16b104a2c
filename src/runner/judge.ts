import { InputError } from '../errors.ts'
import { judgeExactlyOnce } from '../oracle/exactly-once.ts'
import { judgeIdempotency, lastValuePerKey, type State } from '../oracle/idempotency.ts'
import { readSqlState } from '../oracle/sql-state.ts'
import type { OracleResult } from '../oracle/violation.ts'
import type { Plan, ProduceOp } from '../replay/plan.ts'
import type { OracleSpec, Scenario } from '../scenario/index.ts'
import { checkWindowSpec, expectedWindows, judgeWindows } from '../oracle/windows/index.ts'
import type { Execution } from './execute-run.ts'
import { toOracleWindowSpec } from './window-spec.ts'

export interface JudgeContext {
  scenario: Scenario
  plan: Plan
  run: Execution
  /** a clean run of the de-duplicated stream, for idempotency */
  clean?: Execution
}

type Judge<K extends OracleSpec['kind']> = (spec: Extract<OracleSpec, { kind: K }>, ctx: JudgeContext) => Promise<OracleResult>

function outputOf(run: Execution, topic: string) {
  const out = run.outputs.find((o) => o.topic === topic)
  if (!out) throw new InputError(`oracle output "${topic}" is not listed under output:`)
  return out
}

/** `{{runId}}` in a SQL query names the run's own table (a SUT writes to `sink_{{runId}}`). */
const templated = (text: string, run: Execution): string => text.replaceAll('{{runId}}', run.runId)

/**
 * One entry per oracle kind, and one for every kind the scenario schema accepts (the type says so): an
 * oracle is judged or cannot be named. Adding an oracle is one file and one line here.
 */
const judges: { [K in OracleSpec['kind']]: Judge<K> } = {
  'exactly-once': async (spec, ctx) => {
    const output = ctx.scenario.output.find((o) => o.topic === spec.output)
    const effects = spec.expect
    const byId = new Map<string, ProduceOp>()
    for (const op of ctx.plan.ops) if (op.kind === 'produce' && !byId.has(op.id)) byId.set(op.id, op)
    return judgeExactlyOnce({
      inputs: ctx.plan.ops,
      output: outputOf(ctx.run, spec.output),
      id: spec.id ?? output?.id ?? 'headers.st-id',
      reordered: spec.reordered,
      guarantee: spec.guarantee,
      ...(effects === undefined
        ? {}
        : {
            expectedCount: (id: string) => {
              if (typeof effects === 'number') return effects
              const op = byId.get(id)
              return op ? effects({ key: op.key, value: op.value, headers: op.headers, ts: op.ts }) : 1
            },
          }),
    })
  },
  idempotency: async (spec, ctx) => {
    if (!ctx.clean) throw new Error('idempotency needs a clean run')
    const clean = ctx.clean
    const state = async (run: Execution): Promise<State> => {
      if (spec.compare === 'last-value-per-key') {
        if (!spec.output) throw new InputError('idempotency with compare: last-value-per-key needs output: <topic>')
        return lastValuePerKey(outputOf(run, spec.output).committed)
      }
      const { url, query, cleanup } = spec.compare.sql
      return readSqlState(templated(url, run), templated(query, run), cleanup !== undefined ? { cleanup: templated(cleanup, run) } : {})
    }
    const [perturbed, expected] = await Promise.all([state(ctx.run), state(clean)])
    return judgeIdempotency({ perturbed, clean: expected, what: spec.output ?? 'sql' })
  },
  windows: async (spec, ctx) => {
    const windowSpec = toOracleWindowSpec(spec, ctx.scenario)
    checkWindowSpec(windowSpec)
    const inputs = new Set(spec.input !== undefined ? [spec.input] : ctx.scenario.input.map((i) => i.topic))
    const ops = ctx.plan.ops.filter((op): op is ProduceOp => op.kind === 'produce' && inputs.has(op.topic))
    const r = judgeWindows(expectedWindows(ops, windowSpec), outputOf(ctx.run, spec.output).committed, spec.map)
    return spec.input === undefined ? r : streamNamed(r, `input ${spec.input}`)
  },
}

/** Several windows oracles judge several streams in one run: each message says which stream it is about. */
function streamNamed(r: OracleResult, stream: string): OracleResult {
  return {
    ...r,
    violations: r.violations.map((v) => ({ ...v, message: `${stream}: ${v.message}` })),
    notes: r.notes.map((n) => ({ ...n, message: `${stream}: ${n.message}` })),
  }
}

export async function judgeAll(ctx: JudgeContext): Promise<Required<OracleResult>> {
  const result: Required<OracleResult> = { violations: [], notes: [], judgedLate: [] }
  for (const spec of ctx.scenario.oracles) {
    const judge = judges[spec.kind] as Judge<typeof spec.kind>
    const r = await judge(spec as never, ctx)
    result.violations.push(...r.violations)
    result.notes.push(...r.notes)
    for (const seq of r.judgedLate ?? []) result.judgedLate.push(seq)
  }
  return result
}

export const needsCleanRun = (scenario: Scenario): boolean => scenario.oracles.some((o) => o.kind === 'idempotency')
