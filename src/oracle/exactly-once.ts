import type { CollectedRecord, CollectedTopic } from '../collect/record.ts'
import type { PlanOp, ProduceOp } from '../replay/plan.ts'
import { correlationFn, DEFAULT_ID_PATH, type CorrelationSpec } from './correlate.ts'
import { judgeOrder } from './exactly-once-order.ts'
import { byPartitionOffset, position, shortList } from './format.ts'
import type { Note, OracleResult, Violation } from './violation.ts'

export const EXACTLY_ONCE = 'exactly-once'

export interface ExactlyOnceInput {
  /** the plan's operations for the input topics; fault ops are ignored */
  inputs: readonly PlanOp[]
  /** what the SUT wrote, at both isolation levels */
  output: CollectedTopic
  /** how an output names its input id; default `headers.st-id` */
  id?: CorrelationSpec
  /** committed outputs expected per input id; default 1 for every distinct id (0 for filtered events) */
  expectedCount?: (id: string) => number
  /** also check that, per input key, outputs keep the input arrival order */
  reordered?: boolean
  /**
   * `at-least-once`: the app promises no loss, not no duplicates — an id delivered more often than
   * expected is a note, not a violation (lost, aborted-read and unexpected still are). Default `exactly-once`.
   */
  guarantee?: 'exactly-once' | 'at-least-once'
}

/** What the oracle knows about one distinct input id. */
export interface InputInfo {
  id: string
  /** plan position of its first occurrence (the arrival that counts for ordering) */
  firstSeq: number
  /** the input record key of its first occurrence */
  key: string | null
  /** fixture lines, `file:line`, of every copy */
  where: string[]
}

/**
 * Judges the committed output of one topic against the input ids of the plan.
 *
 * Per input id, the committed (read_committed) outputs are counted against the expected count:
 * - `duplicated`: more than expected;
 * - `lost`: fewer than expected, and no trace of the missing output in read_uncommitted either;
 * - `aborted-read`: fewer than expected, and read_uncommitted holds output for this id that
 *   read_committed does not (same partition and offset absent from the committed view). The SUT did
 *   the work but its transaction never committed — aborted and not redone, or left open (a leaked
 *   transaction, which also holds back every read_committed consumer of that partition). A consumer
 *   reading read_uncommitted sees the output, a read_committed one never does. This takes the place of
 *   `lost` for that id: it is the same shortfall, but it points at transaction handling rather than at
 *   consumption. Aborted output for an id that has its committed output (an aborted attempt that was
 *   retried) is normal and not reported.
 * - `unexpected`: a committed output whose id matches no input, or that carries no id.
 * - `reordered` (when asked): see exactly-once-order.ts.
 * One violation per id (ids in first-arrival order), so 10k ids stay linear and each line names one id.
 */
export function judgeExactlyOnce(input: ExactlyOnceInput): OracleResult {
  const spec = input.id ?? DEFAULT_ID_PATH
  const idOf = correlationFn(spec)
  const expectedCount = input.expectedCount ?? (() => 1)
  const inputs = indexInputs(input.inputs)

  const committed = [...input.output.committed].sort(byPartitionOffset)
  const committedById = new Map<string, CollectedRecord[]>()
  const unknownById = new Map<string, CollectedRecord[]>()
  const withoutId: CollectedRecord[] = []
  for (const r of committed) {
    const id = idOf(r)
    if (id === undefined) withoutId.push(r)
    else push(inputs.has(id) ? committedById : unknownById, id, r)
  }
  const abortedById = uncommittedOnly(input.output, idOf)

  const violations: Violation[] = []
  const notes: Note[] = []
  const allowedDuplicates: string[] = []
  for (const info of inputs.values()) {
    const expected = expectedCount(info.id)
    const outs = committedById.get(info.id) ?? []
    if (outs.length === expected) continue
    const outputs = outs.map(position)
    const shown = outputs.length > 0 ? ` (${shortList(outputs)})` : ''
    if (outs.length > expected && input.guarantee === 'at-least-once') {
      allowedDuplicates.push(info.id)
      continue
    }
    if (outs.length > expected) {
      violations.push({
        oracle: EXACTLY_ONCE, kind: 'duplicated', ids: [info.id], where: info.where, expected,
        actual: { count: outs.length, outputs },
        message: `${info.id} delivered ${times(outs.length)}, expected ${expected}${shown}`,
      })
      continue
    }
    const aborted = (abortedById.get(info.id) ?? []).map(position)
    const from = info.where.length > 0 ? ` (input ${shortList(info.where, 3)})` : ''
    if (aborted.length > 0) {
      violations.push({
        oracle: EXACTLY_ONCE, kind: 'aborted-read', ids: [info.id], where: info.where, expected,
        actual: { count: outs.length, outputs, uncommittedOnly: aborted },
        message:
          `${info.id} delivered ${times(outs.length)} in read_committed, expected ${expected}; ` +
          `its output is only in transactions that never committed (${shortList(aborted)})`,
      })
    } else {
      violations.push({
        oracle: EXACTLY_ONCE, kind: 'lost', ids: [info.id], where: info.where, expected,
        actual: { count: outs.length, outputs },
        message: `${info.id} delivered ${times(outs.length)}, expected ${expected}${shown}${from}`,
      })
    }
  }

  for (const [id, outs] of unknownById) {
    const outputs = outs.map(position)
    violations.push({
      oracle: EXACTLY_ONCE, kind: 'unexpected', ids: [id], where: [], expected: 0,
      actual: { count: outs.length, outputs },
      message: `output id ${id} matches no input: ${times(outs.length)} (${shortList(outputs)})`,
    })
  }
  if (withoutId.length > 0) {
    const outputs = withoutId.map(position)
    const named = typeof spec === 'string' ? `at ${spec}` : 'from the id function'
    violations.push({
      oracle: EXACTLY_ONCE, kind: 'unexpected', ids: [], where: [], expected: 0,
      actual: { count: outputs.length, outputs },
      message: `${outputs.length} output(s) carry no id ${named} (${shortList(outputs)})`,
    })
  }

  if (allowedDuplicates.length > 0) {
    notes.push({
      oracle: EXACTLY_ONCE, kind: 'duplicated-allowed',
      message: `${allowedDuplicates.length} input id(s) delivered more than once, allowed by guarantee: at-least-once (${shortList(allowedDuplicates)})`,
    })
  }
  if (input.reordered === true) {
    const ordered = judgeOrder(inputs, committedById, expectedCount)
    violations.push(...ordered.violations)
    notes.push(...ordered.notes)
  }
  return { violations, notes }
}

/** Distinct input ids in first-arrival (plan) order. */
export function indexInputs(ops: readonly PlanOp[]): Map<string, InputInfo> {
  const produce = ops.filter((op): op is ProduceOp => op.kind === 'produce').sort((a, b) => a.seq - b.seq)
  const index = new Map<string, InputInfo>()
  for (const op of produce) {
    let info = index.get(op.id)
    if (info === undefined) {
      info = { id: op.id, firstSeq: op.seq, key: op.key, where: [] }
      index.set(op.id, info)
    }
    if (op.source !== undefined) {
      const at = `${op.source.file}:${op.source.line}`
      if (!info.where.includes(at)) info.where.push(at)
    }
  }
  return index
}

/** Records in read_uncommitted whose partition+offset read_committed lacks, grouped by id. */
function uncommittedOnly(
  output: CollectedTopic,
  idOf: (r: CollectedRecord) => string | undefined,
): Map<string, CollectedRecord[]> {
  const seen = new Set(output.committed.map((r) => `${r.partition}@${r.offset}`))
  const byId = new Map<string, CollectedRecord[]>()
  for (const r of [...output.uncommitted].sort(byPartitionOffset)) {
    if (seen.has(`${r.partition}@${r.offset}`)) continue
    const id = idOf(r)
    if (id !== undefined) push(byId, id, r)
  }
  return byId
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k)
  if (list === undefined) m.set(k, [v])
  else list.push(v)
}

function times(n: number): string {
  return n === 1 ? '1 time' : `${n} times`
}
