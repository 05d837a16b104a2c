import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { eventStreamArb, generateSetting, hasGeneratedInput, streamOptionsFor } from '../../../src/generate/index.ts'
import { parseScenario, type Scenario } from '../../../src/scenario/index.ts'

const FILE = '/repo/scenarios/counts.scenario.yaml'
const MAP = { key: 'key', start: 'value.start', end: 'value.end', value: 'value.count' }

function scenario(over: { generate?: Record<string, unknown>; topic?: Record<string, unknown>; window?: Record<string, unknown>; flink?: Record<string, unknown>; file?: string } = {}): Scenario {
  return parseScenario(
    {
      name: 'counts',
      topics: { orders: { partitions: 3, ...over.topic }, counts: {} },
      input: [{ topic: 'orders', generate: { keys: 4, events: 200, span: '60s', ...over.generate } }],
      sut: { command: 'node', args: ['app.mjs'] },
      output: [{ topic: 'counts' }],
      oracles: over.window
        ? [{ windows: { output: 'counts', profile: over.flink ? 'flink' : 'kafka-streams', window: over.window, aggregate: 'count', emit: 'final', map: MAP, ...over.flink } }]
        : [{ 'exactly-once': { output: 'counts' } }],
    },
    { file: over.file ?? FILE },
  )
}

describe('streamOptionsFor', () => {
  it('maps the generate block: durations in ms, rates, pass-through fields, ids named after the topic', async () => {
    const s = scenario({ generate: { disorder: '2s', late: 0.05, start: 1000, runs: 30, shrinkBudget: 7, duplicates: 0.1, lateBy: '30s', window: '10s', grace: '1s', boundaries: 0.3 } })
    expect(await streamOptionsFor(s, 0, FILE)).toEqual({
      keys: 4,
      events: 200,
      spanMs: 60_000,
      idPrefix: 'orders-',
      disorderMs: 2_000,
      lateRate: 0.05,
      startTs: 1000,
      lateByMs: 30_000,
      duplicateRate: 0.1,
      boundaryRate: 0.3,
      windowSizeMs: 10_000,
      graceMs: 1_000,
    })
    expect(generateSetting(s, 'runs')).toBe(30)
    expect(generateSetting(s, 'shrinkBudget')).toBe(7)
    expect(generateSetting(scenario({}), 'shrinkBudget')).toBeUndefined()
    expect(hasGeneratedInput(s)).toBe(true)
  })

  it('aims at the windows oracle: tumbling and hopping grids with grace, session gaps, sliding differences', async () => {
    const tumbling = await streamOptionsFor(scenario({ window: { tumbling: '10s', grace: '2s' } }), 0, FILE)
    expect([tumbling.windowSizeMs, tumbling.windowAdvanceMs, tumbling.graceMs]).toEqual([10_000, 10_000, 2_000])
    const hopping = await streamOptionsFor(scenario({ window: { hopping: { size: '10s', advance: '5s' } } }), 0, FILE)
    expect([hopping.windowSizeMs, hopping.windowAdvanceMs, hopping.graceMs]).toEqual([10_000, 5_000, 0])
    const session = await streamOptionsFor(scenario({ window: { session: { gap: '30s' }, grace: '5s' } }), 0, FILE)
    expect([session.windowSizeMs, session.sessionGapMs, session.graceMs]).toEqual([undefined, 30_000, 5_000])
    const sliding = await streamOptionsFor(scenario({ window: { sliding: { difference: '3s' } } }), 0, FILE)
    expect(sliding.sessionGapMs).toBe(3_000)
    // Flink: a window is late once max ts >= end + delay + allowedLateness, so boundary events aim there
    const flink = await streamOptionsFor(scenario({ window: { tumbling: '10s' }, flink: { delay: '2s', allowedLateness: '1s' } }), 0, FILE)
    expect([flink.windowSizeMs, flink.graceMs]).toEqual([10_000, 3_000])
    const explicit = await streamOptionsFor(scenario({ window: { tumbling: '10s' }, generate: { window: '1s', gap: '7s' } }), 0, FILE)
    expect([explicit.windowSizeMs, explicit.sessionGapMs]).toEqual([1_000, 7_000])
  })

  it('values follow the topic: avro and json-schema schemas (inline or file), string and bytes topics', async () => {
    const avro = { type: 'record', name: 'Order', fields: [{ name: 'amount', type: 'int' }] }
    const fromAvro = await streamOptionsFor(scenario({ topic: { value: 'avro', schema: avro } }), 0, FILE)
    expect(fromAvro.value).toEqual({ avro })

    const dir = await mkdtemp(join(tmpdir(), 'st-generate-'))
    const jsonSchema = { type: 'object', properties: { n: { type: 'integer', minimum: 0, maximum: 3 } } }
    await writeFile(join(dir, 'order.json'), JSON.stringify(jsonSchema))
    const s = scenario({ topic: { value: 'json-schema', schema: { file: 'order.json' } }, file: join(dir, 'x.scenario.yaml') })
    const fromFile = await streamOptionsFor(s, 0, FILE)
    expect(fromFile.value).toEqual({ jsonSchema })
    const [stream] = fc.sample(eventStreamArb(fromFile), { seed: 1, numRuns: 1 })
    expect(stream!.every((e) => [0, 1, 2, 3].includes((e.value as { n: number }).n))).toBe(true)

    const strings = await streamOptionsFor(scenario({ topic: { value: 'string' } }), 0, FILE)
    const [sample] = fc.sample(eventStreamArb(strings), { seed: 1, numRuns: 1 })
    expect(sample!.every((e) => typeof e.value === 'string' && e.value.length >= 1)).toBe(true)
    expect((await streamOptionsFor(scenario({ generate: { value: 'count' } }), 0, FILE)).value).toBe('count')
    expect((await streamOptionsFor(scenario(), 0, FILE)).value).toBeUndefined()
  })

  it('says what is wrong with a generate block, at its path', async () => {
    const bad = async (s: Scenario) => {
      try {
        await streamOptionsFor(s, 0, FILE)
      } catch (e) {
        if (e instanceof InputError) return e.message
        throw e
      }
      throw new Error('expected an InputError')
    }
    expect(await bad(scenario({ generate: { lateBy: 'soon' } }))).toBe(
      `${FILE}: not a duration; at input[0].generate.lateBy; expected a duration like '300ms', '5s', '10m' or a number of ms; found "soon"`,
    )
    expect(await bad(scenario({ generate: { duplicates: 2 } }))).toContain('at input[0].generate.duplicates; expected a number from 0 to 1; found 2')
    expect(await bad(scenario({ generate: { value: 'random' } }))).toContain('at input[0].generate.value; expected count,')
    const proto = scenario({ topic: { value: 'protobuf', schema: 'syntax = "proto3"; message M { int32 a = 1; }', message: 'M' } })
    expect(await bad(proto)).toContain('values for a protobuf topic cannot be generated from its schema')
  })
})
