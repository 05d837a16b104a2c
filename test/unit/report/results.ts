import type { ScenarioResult } from '../../../src/result/scenario-result.ts'
import type { Violation } from '../../../src/oracle/violation.ts'
import type { RunSummary } from '../../../src/report/reporter.ts'
import type { PlanOp } from '../../../src/replay/plan.ts'
import { timelineFromPlan } from '../../../src/result/timeline.ts'

/** Example results for the reporter tests. */
export function result(over: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'orders are enriched exactly once',
    file: 'scenarios/enricher.scenario.yaml',
    verdict: 'pass',
    expect: { verdict: 'pass', violations: [] },
    asExpected: true,
    violations: [],
    notes: [],
    seed: 1234,
    durationMs: 1234,
    repeat: 'npx stream-test run scenarios/enricher.scenario.yaml --seed 1234',
    crashes: [],
    sutOutput: [],
    phases: { 'sut-start': 300, replay: 500, quiescence: 400, collect: 20, judge: 14 },
    ...over,
  }
}

export const duplicated: Violation = {
  oracle: 'exactly-once',
  kind: 'duplicated',
  ids: ['o-17'],
  where: ['fixtures/streams/orders.jsonl:17'],
  expected: 1,
  actual: { count: 2, outputs: ['enriched[1]@42', 'enriched[1]@43'] },
  message: 'o-17 has 2 committed outputs, expected 1 (enriched[1]@42, enriched[1]@43)',
}

export const lost: Violation = {
  oracle: 'exactly-once',
  kind: 'lost',
  ids: ['o-3', 'o-4', 'o-5', 'o-6', 'o-7', 'o-8', 'o-9', 'o-10'],
  where: ['fixtures/streams/orders.jsonl:3', 'fixtures/streams/orders.jsonl:4', 'fixtures/streams/orders.jsonl:5', 'fixtures/streams/orders.jsonl:6'],
  expected: 1,
  actual: { count: 0, uncommitted: [], note: 'x'.repeat(200) },
  message: '8 input ids have no committed output',
}

/** An app that duplicates, caught as its scenario expects. */
export const expectedFail = result({
  name: 'the buggy enricher duplicates after a crash',
  file: 'scenarios/buggy-enricher.scenario.yaml',
  verdict: 'fail',
  expect: { verdict: 'fail', violations: ['duplicated'] },
  asExpected: true,
  violations: [duplicated],
  durationMs: 2500,
  crashes: [{ kind: 'crash-sut', afterSeq: 120, outputsAtKill: 37 }],
  repeat: 'npx stream-test run scenarios/buggy-enricher.scenario.yaml --seed 1234',
})

/** A correct-looking app that lost and duplicated output. */
export const unexpectedFail = result({
  verdict: 'fail',
  asExpected: false,
  violations: [duplicated, lost],
  crashes: [{ kind: 'crash-sut', afterSeq: 120, outputsAtKill: 37 }],
  sutOutput: ['enricher: consumed 120', 'enricher: committed offsets'],
})

export const errored = result({
  name: 'windows are counted',
  file: 'scenarios/window-count.scenario.yaml',
  verdict: 'error',
  asExpected: false,
  error: 'SUT exited with code 1 before it was ready (waited for log "ready")\nstack follows',
  durationMs: 480,
  sutOutput: [
    ...Array.from({ length: 22 }, (_, i) => `boot step ${i + 1}`),
    '\x1b[31mError: connect ECONNREFUSED 127.0.0.1:9092\x1b[39m\n    at TCPConnectWrap.afterConnect',
    '',
  ],
  repeat: 'npx stream-test run scenarios/window-count.scenario.yaml --seed 1234',
})

export const withNotes = result({
  name: 'flink windows agree with the profile',
  file: 'scenarios/flink-windows.scenario.yaml',
  notes: [
    {
      oracle: 'windows',
      kind: 'indeterminate',
      message: 'window [0, 10000) of key a depends on when the watermark was emitted',
      detail: { key: 'a', start: 0, end: 10000, earliest: 3, latest: 4 },
    },
    { oracle: 'windows', kind: 'indeterminate', message: 'window [10000, 20000) of key b depends on when the watermark was emitted' },
  ],
  durationMs: 61_000,
  repeat: 'npx stream-test run scenarios/flink-windows.scenario.yaml --seed 1234',
})

export function summaryOf(over: Partial<RunSummary> = {}): RunSummary {
  return {
    seed: 1234,
    durationMs: 4200,
    passed: 1,
    failed: 0,
    errored: 0,
    command: 'npx stream-test run scenarios/enricher.scenario.yaml --seed 1234',
    ...over,
  }
}

/** A stream that records what is written. */
export function fakeStream(isTTY = false): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = []
  const stream = { isTTY, write: (chunk: string) => chunks.push(String(chunk)) > 0 }
  return { stream: stream as unknown as NodeJS.WritableStream, text: () => chunks.join('') }
}

/**
 * What `scenarios/enricher-at-least-once.scenario.yaml` reports when the kill lands before the app
 * committed anything: inputs input-0..input-599 at seqs 0..299 and 301..600, the SUT killed after
 * event 299 (the crash step at seq 300) and ready again, every input before the kill delivered twice,
 * and input-450 (after the kill) lost.
 */
export function crashDuplicates(): ScenarioResult {
  const ops: PlanOp[] = []
  for (let i = 0; i < 600; i++) {
    if (i === 300) ops.push({ kind: 'crash-sut', seq: 300 })
    ops.push({
      kind: 'produce', seq: i < 300 ? i : i + 1, topic: 'orders', partition: i % 3, key: `k${i % 7}`, value: { orderId: `input-${i}` },
      headers: {}, ts: Date.UTC(2024, 0, 1) + i * 1000, id: `input-${i}`, copy: 0, source: { file: 'fixtures/streams/orders.jsonl', line: i + 1 },
    })
  }
  const where = (i: number) => [`fixtures/streams/orders.jsonl:${i + 1}`]
  const violations: Violation[] = Array.from({ length: 300 }, (_, i) => ({
    oracle: 'exactly-once', kind: 'duplicated', ids: [`input-${i}`], where: where(i), expected: 1,
    actual: { count: 2, outputs: [`enriched[${i % 3}]@${i}`, `enriched[${i % 3}]@${300 + i}`] },
    message: `input-${i} delivered 2 times, expected 1 (enriched[${i % 3}]@${i}, enriched[${i % 3}]@${300 + i})`,
  }))
  violations.splice(150, 0, {
    oracle: 'exactly-once', kind: 'lost', ids: ['input-450'], where: where(450), expected: 1,
    actual: { count: 0, outputs: [] }, message: 'input-450 delivered 0 times, expected 1 (input fixtures/streams/orders.jsonl:451)',
  })
  return result({
    name: 'at-least-once enricher (commit after produce) duplicates when killed between produce and commit',
    file: 'scenarios/enricher-at-least-once.scenario.yaml',
    verdict: 'fail',
    expect: { verdict: 'pass', violations: [] },
    asExpected: false,
    violations,
    crashes: [{ kind: 'crash-sut', afterSeq: 299, outputsAtKill: 300, trigger: 'output-visible', downMs: 612 }],
    sutOutput: ['enricher: ready', 'enricher: produced 300'],
    timeline: timelineFromPlan({ seed: 1234, ops }, { keep: violations.flatMap((v) => v.ids) }),
    repeat: 'npx stream-test run scenarios/enricher-at-least-once.scenario.yaml --seed 1234',
  })
}
