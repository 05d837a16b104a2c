import type { Plan, PlanOp } from '../../../../src/replay/plan.ts'
import { timelineFromPlan } from '../../../../src/result/timeline.ts'
import type { RunSummary } from '../../../../src/report/reporter.ts'
import type { ScenarioResult } from '../../../../src/result/scenario-result.ts'
import { duplicated, result } from '../results.ts'

/**
 * A plan of 60 events on 3 partitions of `orders` (event ids o-0..o-59, 1 s apart from 2024-01-01,
 * fixture line = id + 1), with o-17 duplicated (its copy at seq 41), o-5 and o-25 late (at seqs 20
 * and 50), a crash after seq 30 and a broker restart at seq 45: 61 produce ops, 2 fault steps.
 */
export function examplePlan(): Plan {
  const base = Date.UTC(2024, 0, 1)
  const order: number[] = []
  for (let i = 0; i < 60; i++) if (i !== 5 && i !== 25) order.push(i)
  const ops: PlanOp[] = []
  let seq = 0
  const push = (i: number, extra: { copy?: number; late?: true } = {}) => {
    ops.push({
      kind: 'produce', seq: seq++, topic: 'orders', partition: i % 3, key: `k${i % 3}`, value: { orderId: `o-${i}` },
      headers: {}, ts: base + i * 1000, id: `o-${i}`, copy: extra.copy ?? 0,
      ...(extra.late ? { late: true as const } : {}), source: { file: 'fixtures/streams/orders.jsonl', line: i + 1 },
    })
  }
  for (const i of order) {
    if (seq === 20) push(5, { late: true })
    if (seq === 31) ops.push({ kind: 'crash-sut', seq: seq++ })
    if (seq === 41) push(17, { copy: 1 })
    if (seq === 45) ops.push({ kind: 'restart-broker', seq: seq++ })
    if (seq === 50) push(25, { late: true })
    push(i)
  }
  return { seed: 7, ops }
}

/** The plan positions of these events (originals). */
function seqsOf(plan: Plan, ids: string[]): number[] {
  return plan.ops.flatMap((op) => (op.kind === 'produce' && op.copy === 0 && ids.includes(op.id) ? [op.seq] : []))
}

/**
 * One failing scenario with a timeline (duplicated o-17, a crash, o-50 and o-51 judged late by an
 * oracle) and one errored scenario without.
 */
export function exampleResults(): ScenarioResult[] {
  const plan = examplePlan()
  const lostOne = { ...duplicated, kind: 'lost', ids: ['o-3', 'o-404'], where: ['fixtures/streams/orders.jsonl:4'], message: 'o-3 has no committed output' }
  return [
    result({
      verdict: 'fail',
      asExpected: false,
      violations: [duplicated, lostOne],
      crashes: [{ kind: 'crash-sut', afterSeq: 30, outputsAtKill: 28, trigger: 'output-visible' }],
      sutOutput: ['enricher: consumed 30', '<script>alert(1)</script>'],
      timeline: timelineFromPlan(plan, { keep: ['o-17', 'o-3', 'o-404'], judgedLate: seqsOf(plan, ['o-50', 'o-51']) }),
    }),
    result({ name: 'windows <counted>', verdict: 'error', asExpected: false, error: 'SUT exited with code 1' }),
  ]
}

export const exampleSummary: RunSummary = {
  seed: 7, durationMs: 4200, passed: 0, failed: 1, errored: 1, command: 'npx stream-test run scenarios/enricher.scenario.yaml --seed 7',
}
