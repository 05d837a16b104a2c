import { describe, expect, test } from 'vitest'
import type { CollectedRecord } from '../../../src/collect/record.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import type { Execution } from '../../../src/runner/execute-run.ts'
import { judgeAll } from '../../../src/runner/judge.ts'
import { loadInputs } from '../../../src/runner/inputs.ts'
import { parseScenario } from '../../../src/scenario/index.ts'

/** Two streams in one run, each judged by its own windows oracle (`input:`), as the batched differential test does. */
const file = '/tmp/judge-windows-input.scenario.yaml'
const oracle = (i: number) => ({
  windows: {
    output: `counts${i}`,
    input: `events${i}`,
    profile: 'kafka-streams',
    window: { tumbling: 10_000 },
    aggregate: 'count',
    emit: 'final',
    map: { key: 'key', start: 'value.s', end: 'value.e', value: 'value.n' },
  },
})
const scenario = parseScenario(
  {
    name: 'two window streams',
    topics: { events0: {}, events1: {}, counts0: {}, counts1: {} },
    // the same key and times in both streams: only the input filter keeps them apart
    input: [0, 1].map((i) => ({ topic: `events${i}`, events: [0, 1, 2].map((n) => ({ key: 'k', ts: 1_000 * (n + i) + (n === 2 ? 20_000 : 0), value: {} })) })),
    sut: { command: 'true' },
    output: [{ topic: 'counts0' }, { topic: 'counts1' }],
    oracles: [oracle(0), oracle(1)],
  },
  { file },
)

const window = (topic: string, offset: number, n: number): CollectedRecord => ({
  topic,
  partition: 0,
  offset: String(offset),
  key: 'k',
  value: { s: 0, e: 10_000, n },
  headers: {},
  ts: 0,
})

async function judge(counts0: number, counts1: number) {
  const plan = buildPlan(await loadInputs(scenario, file), [], 1)
  const outputs = [window('counts0', 0, counts0), window('counts1', 0, counts1)].map((r) => ({ topic: r.topic, committed: [r], uncommitted: [r] }))
  const run: Execution = { runId: 'r', topics: {}, outputs, crashes: [], sutOutput: [], phases: {} }
  return judgeAll({ scenario, plan, run })
}

describe('windows oracle with input:', () => {
  test('each oracle counts only its own input topic', async () => {
    // stream 0: k@0, k@1000 in [0, 10000) (k@22000 closes it); stream 1: k@1000, k@2000
    expect((await judge(2, 2)).violations).toEqual([])
  })

  test("a violation's message names the input stream it is about", async () => {
    const { violations } = await judge(2, 3)
    expect(violations.map((v) => [v.kind, v.message.split(':')[0]])).toEqual([['wrong-value', 'input events1']])
  })
})
