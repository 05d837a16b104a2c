import { expect, test } from 'vitest'
import { InputError } from '../../../../src/errors.ts'
import { buildPlan } from '../../../../src/replay/build-plan.ts'
import { ORACLES, judgeOracle, needsCleanRun, parseScenario, type ScenarioInput } from '../../../../src/scenario/index.ts'

const FILE = '/repo/scenarios/orders.scenario.yaml'

const scenario = (oracles: unknown[]): ScenarioInput =>
  ({
    name: 'oracles',
    topics: { orders: {}, out: {} },
    input: [{ topic: 'orders', events: [{ key: 'k', value: { n: 1 }, ts: 1 }] }],
    sut: { command: 'node', args: ['app.mjs'] },
    output: [{ topic: 'out' }],
    oracles,
  }) as ScenarioInput

test('the names a scenario may use under oracles: are the modules of the list, and no other', () => {
  let err: unknown
  try {
    parseScenario(scenario([{ 'exactly-twice': { output: 'out' } }]), { file: FILE })
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).message).toContain(`an oracle: one of ${ORACLES.map((m) => m.kind).join(', ')}`)
  expect(ORACLES.map((m) => m.kind)).toEqual(['exactly-once', 'idempotency', 'windows'])
})

test('every module judges what its schema parsed: an oracle that can be named can judge', async () => {
  const s = parseScenario(scenario([{ 'exactly-once': { output: 'out' } }, { idempotency: { output: 'out', compare: 'last-value-per-key' } }]), { file: FILE })
  const plan = buildPlan([{ topic: 'orders', partitions: 1, events: s.input[0]?.events ?? [] }], [], 1)
  const [produced] = plan.ops
  const out = { runId: 'r', outputs: [{ topic: 'out', committed: [], uncommitted: [] }] }
  // no output at all: exactly-once finds the one input lost; idempotency compares two empty states
  const eo = await judgeOracle(s.oracles[0]!, { scenario: s, plan, run: out })
  expect(eo.violations.map((v) => [v.kind, v.ids])).toEqual([['lost', [produced?.kind === 'produce' ? produced.id : '']]])
  const idem = await judgeOracle(s.oracles[1]!, { scenario: s, plan, run: out, clean: out })
  expect(idem.violations).toEqual([])
  for (const m of ORACLES) expect(typeof m.judge, m.kind).toBe('function')
})

test('a clean run is made for the oracles whose module asks for one', () => {
  expect(ORACLES.filter((m) => m.cleanRun).map((m) => m.kind)).toEqual(['idempotency'])
  expect(needsCleanRun([{ kind: 'exactly-once' }, { kind: 'windows' }])).toBe(false)
  expect(needsCleanRun([{ kind: 'exactly-once' }, { kind: 'idempotency' }])).toBe(true)
})
