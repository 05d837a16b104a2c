import { describe, expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { defineScenario, parseScenario, type ScenarioInput } from '../../../src/scenario/index.ts'

const FILE = '/repo/scenarios/orders.scenario.ts'

function minimal(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return defineScenario({
    name: 'minimal',
    topics: { orders: {}, out: { partitions: 2 } },
    input: [{ topic: 'orders', fixture: '../fixtures/streams/orders.jsonl' }],
    sut: { command: 'node', args: ['app.mjs'] },
    output: [{ topic: 'out' }],
    oracles: [{ 'exactly-once': { output: 'out' } }],
    ...over,
  })
}

function parseError(raw: unknown): InputError {
  try {
    parseScenario(raw, { file: FILE })
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('expected an InputError')
}

describe('defaults', () => {
  test('a minimal scenario gets every default filled in', () => {
    const s = parseScenario(minimal(), { file: FILE })
    expect(s.topics).toEqual({
      orders: { partitions: 1, key: 'string', value: 'json' },
      out: { partitions: 2, key: 'string', value: 'json' },
    })
    expect(s.perturb).toEqual([])
    expect(s.output).toEqual([{ topic: 'out', id: 'headers.st-id' }])
    expect(s.oracles).toEqual([{ kind: 'exactly-once', output: 'out', reordered: false, guarantee: 'exactly-once' }])
    expect(s.expect).toEqual({ verdict: 'pass', violations: [] })
    expect(s.timeout).toBe(30_000)
    expect(s.settle).toBe(300)
    expect(s.seed).toBeUndefined()
    expect(s.sut).toEqual({ kind: 'process', command: 'node', args: ['app.mjs'], env: {}, readyTimeout: 30_000, stopTimeout: 10_000, instances: 1, cwd: '/repo/scenarios' })
  })

  test('relative paths resolve from the scenario folder; absolute ones stay', () => {
    const s = parseScenario(
      minimal({
        topics: { orders: { value: 'avro', schema: { file: 'schemas/order.avsc' } }, out: {} },
        input: [
          { topic: 'orders', fixture: '../fixtures/streams/orders.jsonl' },
          { topic: 'orders', fixture: '/abs/more.jsonl' },
        ],
        sut: { command: 'java', cwd: '../app' },
      }),
      { file: FILE },
    )
    expect(s.input.map((i) => i.fixture)).toEqual(['/repo/fixtures/streams/orders.jsonl', '/abs/more.jsonl'])
    expect(s.topics.orders?.schema).toEqual({ file: '/repo/scenarios/schemas/order.avsc' })
    expect(s.sut.kind === 'process' && s.sut.cwd).toBe('/repo/app')
  })
})

describe('durations, percents and tagged lists', () => {
  test('perturbations parse to { kind, ...options } with durations in ms and percents as fractions', () => {
    const s = parseScenario(
      minimal({
        perturb: [
          { reorder: { within: '5s' } },
          { reorder: { positions: 4 } },
          { duplicate: { rate: 0.1 } },
          { late: { rate: 0.05, by: '1m' } },
          { burst: { size: 50, every: 200 } },
          'replay',
          { 'crash-sut': { after: '50%' } },
          { 'crash-sut': { at: 120 } },
          { 'restart-broker': { seeded: true } },
        ],
        timeout: '2m',
        settle: 150,
        seed: 7,
      }),
      { file: FILE },
    )
    expect(s.perturb).toEqual([
      { kind: 'reorder', within: 5000 },
      { kind: 'reorder', positions: 4 },
      { kind: 'duplicate', rate: 0.1, copies: 1, spread: 10 },
      { kind: 'late', rate: 0.05, by: 60_000 },
      { kind: 'burst', size: 50, every: 200 },
      { kind: 'replay', times: 1 },
      { kind: 'crash-sut', after: 0.5 },
      { kind: 'crash-sut', at: 120 },
      { kind: 'restart-broker', seeded: true },
    ])
    expect([s.timeout, s.settle, s.seed]).toEqual([120_000, 150, 7])
  })

  test('a YAML-style null option object means all defaults', () => {
    const s = parseScenario(minimal({ perturb: [{ replay: null }] }), { file: FILE })
    expect(s.perturb).toEqual([{ kind: 'replay', times: 1 }])
  })

  test('windows normalise to { type, size, advance, grace } and keep unknown options', () => {
    const s = parseScenario(
      minimal({
        oracles: [
          {
            windows: {
              output: 'out',
              profile: 'flink',
              window: { hopping: { size: '10s', advance: '5s' }, grace: '2s' },
              aggregate: 'sum',
              value: 'value.amount',
              emit: 'final',
              delay: '3s',
              map: { key: 'key', start: 'value.start', end: 'value.end', value: 'value.total' },
              futureOption: 1,
            },
          },
          { windows: { output: 'out', profile: 'kafka-streams', window: { session: { gap: '30s' } }, aggregate: 'count', emit: 'updates', map: { key: 'key', start: 'value.s', end: 'value.e', value: 'value.n' } } },
        ],
      }),
      { file: FILE },
    )
    expect(s.oracles[0]).toMatchObject({ kind: 'windows', window: { type: 'hopping', size: 10_000, advance: 5000, grace: 2000 }, delay: 3000, futureOption: 1 })
    expect(s.oracles[1]).toMatchObject({ window: { type: 'session', gap: 30_000, grace: 0 }, delay: 0 })
  })

  test('expect: a verdict string or an object, normalised', () => {
    expect(parseScenario(minimal({ expect: 'fail' }), { file: FILE }).expect).toEqual({ verdict: 'fail', violations: [] })
    expect(parseScenario(minimal({ expect: { verdict: 'fail', violations: ['duplicated'] } }), { file: FILE }).expect).toEqual({
      verdict: 'fail',
      violations: ['duplicated'],
    })
  })

  test('idempotency compares last value per key or sql rows', () => {
    const s = parseScenario(
      minimal({
        oracles: [
          { idempotency: { output: 'out', compare: 'last-value-per-key' } },
          { idempotency: { compare: { sql: { url: 'postgres://h/db', query: 'select * from t' } } } },
        ],
      }),
      { file: FILE },
    )
    expect(s.oracles).toEqual([
      { kind: 'idempotency', output: 'out', compare: 'last-value-per-key' },
      { kind: 'idempotency', compare: { sql: { url: 'postgres://h/db', query: 'select * from t' } } },
    ])
  })
})

describe('TS-only shapes', () => {
  test('an in-process SUT keeps its run function', () => {
    const run = async () => async () => {}
    const s = parseScenario(minimal({ sut: { run, stopTimeout: '2s' } }), { file: FILE })
    expect(s.sut).toEqual({ kind: 'in-process', run, stopTimeout: 2000, instances: 1 })
  })

  test('inline events and id functions', () => {
    const id = (e: { key: string | null }) => `id-${e.key}`
    const s = parseScenario(
      minimal({ input: [{ topic: 'orders', events: [{ key: 'a', value: { n: 1 }, ts: 5 }, { key: null, value: 'x', ts: 6, partition: 0, id: 'e2' }], id }] }),
      { file: FILE },
    )
    expect(s.input[0]?.events).toEqual([
      { key: 'a', value: { n: 1 }, headers: {}, ts: 5 },
      { key: null, value: 'x', headers: {}, ts: 6, partition: 0, id: 'e2' },
    ])
    expect(s.input[0]?.id).toBe(id)
  })

  test('SUT env values may be numbers or booleans; they become strings', () => {
    const s = parseScenario(minimal({ sut: { command: 'node', env: { PORT: 8080, DEBUG: true, NAME: 'x' } } }), { file: FILE })
    expect(s.sut.kind === 'process' && s.sut.env).toEqual({ PORT: '8080', DEBUG: 'true', NAME: 'x' })
    expect(parseError(minimal({ sut: { command: 'node', env: { A: [1] } as never } })).message).toContain('at sut.env.A; expected a string')
  })

  test('an in-process SUT takes no command options', () => {
    const e = parseError(minimal({ sut: { run: async () => () => {}, args: ['x'] } as never }))
    expect(e.message).toContain('at sut.args; expected no args for an in-process SUT (run)')
  })

  test('errors in a TS scenario name the file and the path, without a line', () => {
    const e = parseError(minimal({ perturb: [{ duplicate: { rate: 2 } }] }))
    expect(e.message).toBe(`${FILE}: too big; at perturb[0].duplicate.rate; expected a number <= 1; found 2`)
    expect(e.detail).toEqual({ file: FILE, path: 'perturb[0].duplicate.rate', expected: 'a number <= 1', found: '2' })
  })

  test('an inline event pinned to a partition the topic does not have', () => {
    const e = parseError(minimal({ input: [{ topic: 'out', events: [{ key: 'a', value: 1, ts: 1, partition: 2 }] }] }))
    expect(e.message).toContain('at input[0].events[0].partition; expected a partition below 2')
  })
})
