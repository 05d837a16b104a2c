import { join } from 'node:path'
import { expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { loadScenario } from '../../../src/scenario/index.ts'
import { toPlanSpecs } from '../../../src/runner/plan-specs.ts'
import { readFixtureAll } from '../../../src/stream/read-fixture.ts'
import { markedLine, ORDERS_FIXTURE, scenarioYaml, tempFiles } from './tmp-files.ts'

const record = (fields: object[]) => JSON.stringify({ type: 'record', name: 'Order', fields })
const V1 = record([{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'double' }])
const V2_OPTIONAL = record([{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'double' }, { name: 'note', type: 'string', default: '' }])
const V2_REQUIRED = record([{ name: 'orderId', type: 'string' }, { name: 'amount', type: 'double' }, { name: 'note', type: 'string' }])

async function load(topics: string, perturb: string, files: Record<string, string> = {}) {
  const yaml = scenarioYaml({ topics, perturb })
  const dir = await tempFiles({ 'orders.jsonl': ORDERS_FIXTURE, 'v1.avsc': V1, 'v2.avsc': V2_OPTIONAL, 'required.avsc': V2_REQUIRED, ...files, 's.scenario.yaml': yaml })
  const file = join(dir, 's.scenario.yaml')
  return { file, dir, yaml, load: () => loadScenario(file) }
}

/** The one-line InputError of a bad scenario, with the line of the `# <-` marker. */
async function failure(run: { file: string; yaml: string; load: () => Promise<unknown> }): Promise<{ text: string; line: number }> {
  const err = await run.load().then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  const text = (err as Error).message
  expect(text.split('\n')).toHaveLength(1)
  return { text, line: markedLine(run.yaml) }
}

const AVRO_TOPICS = '  orders: { value: avro, schema: { file: v1.avsc } }\n  enriched: {}'

test('an evolve-schema step loads with its schema path absolute, its topic implied, and becomes a plan spec', async () => {
  const run = await load(AVRO_TOPICS, '  - evolve-schema: { at: 50%, schema: v2.avsc }')
  const s = await run.load()
  expect(s.perturb).toEqual([{ kind: 'evolve-schema', at: { after: 0.5 }, schema: join(run.dir, 'v2.avsc'), topic: 'orders' }])
  expect(toPlanSpecs(s.perturb)).toEqual([{ kind: 'evolve-schema', after: 0.5, schema: join(run.dir, 'v2.avsc'), topic: 'orders' }])
  const byIndex = await (await load(AVRO_TOPICS, '  - evolve-schema: { at: 7, schema: v2.avsc, topic: orders }')).load()
  expect(toPlanSpecs(byIndex.perturb)).toEqual([{ kind: 'evolve-schema', at: 7, schema: expect.stringMatching(/v2\.avsc$/), topic: 'orders' }])
})

test('evolve-schema on a JSON topic: one line with file:line', async () => {
  const run = await load('  orders: { partitions: 3 }\n  enriched: {}', '  - evolve-schema: { at: 50%, schema: v2.avsc, topic: orders } # <-')
  const { text, line } = await failure(run)
  expect(text).toBe(
    `${run.file}:${line}:20: evolve-schema on a topic without a registry schema; at perturb[0].evolve-schema; expected a topic whose value is avro or json-schema (its schema is registered and checked; topic orders is value: json); found topic orders with value: json`,
  )
})

test('a v2 schema that does not parse: one line with file:line and the parser reason', async () => {
  const run = await load(AVRO_TOPICS, '  - evolve-schema: { at: 50%, schema: broken.avsc } # <-', { 'broken.avsc': '{"type": "record", "name": "Order", "fields": [{"name": "x", "type": "nope"}]}' })
  const { text, line } = await failure(run)
  expect(text).toMatch(new RegExp(`^${run.file}:${line}:\\d+: the new schema does not parse: Invalid schema: AVRO schema is invalid: undefined type name: nope; at perturb\\[0\\]\\.evolve-schema\\.schema`))
})

test('a change the level forbids: one line with the registry reason; the level the topic sets decides', async () => {
  const run = await load(AVRO_TOPICS, '  - evolve-schema: { at: 50%, schema: required.avsc } # <-')
  const { text, line } = await failure(run)
  expect(text).toMatch(new RegExp(`^${run.file}:${line}:\\d+: the schema change is refused under BACKWARD: Schema being registered is incompatible with an earlier schema for subject "orders-value", details: \\[BACKWARD: the new schema cannot read data written with version 1: no matching field for default-less Order.note\\]; at perturb\\[0\\]\\.evolve-schema\\.schema`))
  // FORWARD allows a new required field; NONE anything
  const forward = '  orders: { value: avro, schema: { file: v1.avsc }, compatibility: FORWARD }\n  enriched: {}'
  await expect((await load(forward, '  - evolve-schema: { at: 50%, schema: required.avsc }')).load()).resolves.toBeDefined()
  const full = await load(forward.replace('FORWARD', 'FULL'), '  - evolve-schema: { at: 50%, schema: required.avsc } # <-')
  expect((await failure(full)).text).toMatch(/refused under FULL: .*BACKWARD: the new schema cannot read/)
})

test('a missing schema file, an unknown topic and a bad point are reported at their lines', async () => {
  const missing = await load(AVRO_TOPICS, '  - evolve-schema: { at: 50%, schema: nope.avsc } # <-')
  expect((await failure(missing)).text).toMatch(/: schema file of evolve-schema not found; at perturb\[0\]\.evolve-schema\.schema; expected an existing file/)
  const unknown = await load(AVRO_TOPICS, '  - evolve-schema: { at: 50%, schema: v2.avsc, topic: enriched } # <-')
  expect((await failure(unknown)).text).toMatch(/: invalid; at perturb\[0\]\.evolve-schema\.topic; expected an input topic listed under input: orders; found "enriched"/)
  const point = await load(AVRO_TOPICS, '  - evolve-schema: { at: half, schema: v2.avsc } # <-')
  expect((await failure(point)).text).toMatch(/at perturb\[0\]\.evolve-schema\.at; expected a percent of the topic's events like '50%'/)
})

test('fixture lines may name their value schema (relative to the fixture); the files are checked like evolve-schema', async () => {
  const lines = (schema: string) =>
    '{"key":"c1","value":{"orderId":"o1","amount":3},"headers":{},"ts":1700000000000,"schema":"s/v1.avsc"}\n' +
    `{"key":"c2","value":{"orderId":"o2","amount":4,"note":"x"},"headers":{},"ts":1700000001000,"schema":"s/${schema}"}\n`
  const input = '  - topic: orders\n    fixture: f/orders.jsonl # <-'
  const files = (schema: string) => ({ 'f/orders.jsonl': lines(schema), 'v1.avsc': V1, 'f/s/v1.avsc': V1, 'f/s/v2.avsc': V2_OPTIONAL, 'f/s/required.avsc': V2_REQUIRED })
  const good = await load(AVRO_TOPICS, '  - reorder: { within: 5s }', files('v2.avsc'))
  await expect(good.load()).resolves.toBeDefined()
  expect((await readFixtureAll(join(good.dir, 'f/orders.jsonl'))).map((e) => e.schema)).toEqual([join(good.dir, 'f/s/v1.avsc'), join(good.dir, 'f/s/v2.avsc')])

  const yaml = (topics: string, schema: string) => ({ ...files(schema), 's.scenario.yaml': scenarioYaml({ topics, input }) })
  const forbidden = await tempFiles(yaml(AVRO_TOPICS, 'required.avsc'))
  const err = await loadScenario(join(forbidden, 's.scenario.yaml')).then(() => new Error('loaded'), (e: unknown) => e as Error)
  expect(err.message).toMatch(new RegExp(`^${join(forbidden, 's.scenario.yaml')}:7:\\d+: the schema change is refused under BACKWARD: .*default-less Order.note\\]; at input\\[0\\]\\.fixture`))
  const json = await tempFiles(yaml('  orders: {}\n  enriched: {}', 'v2.avsc'))
  expect((await loadScenario(join(json, 's.scenario.yaml')).then(() => new Error('loaded'), (e: unknown) => e as Error)).message).toMatch(/: fixture lines name value schema files, but topic orders is value: json; at input\[0\]\.fixture/)
})
