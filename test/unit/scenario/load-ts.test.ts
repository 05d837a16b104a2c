import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { findScenarioFiles, loadScenario } from '../../../src/scenario/index.ts'
import { ORDERS_FIXTURE, tempFiles } from './tmp-files.ts'

const DEFINE = resolve('src/scenario/index.ts')

function tsScenario(body: string): string {
  return `import { defineScenario } from ${JSON.stringify(DEFINE)}
export default defineScenario({
  name: 'ts scenario',
  topics: { orders: { partitions: 2 }, out: {} },
  input: [{ topic: 'orders', fixture: './orders.jsonl', id: (e) => String(e.key) }],
  output: [{ topic: 'out' }],
  oracles: [{ 'exactly-once': { output: 'out', expect: 1 } }],
  ${body}
})
`
}

test('a TS scenario: its default export is validated by the same schema, functions kept', async () => {
  const dir = await tempFiles({
    'orders.jsonl': ORDERS_FIXTURE,
    'a.scenario.ts': tsScenario("sut: { run: async (ctx) => { void ctx; return async () => {} } },\n  perturb: [{ duplicate: { rate: 0.5 } }],"),
  })
  const s = await loadScenario(join(dir, 'a.scenario.ts'))
  expect(s.name).toBe('ts scenario')
  expect(s.input[0]?.fixture).toBe(join(dir, 'orders.jsonl'))
  expect(typeof s.input[0]?.id).toBe('function')
  expect(s.sut.kind).toBe('in-process')
  if (s.sut.kind !== 'in-process') return
  const stop = await s.sut.run({ brokers: 'b', registry: 'r', runId: 'x', group: 'g', instance: 0, topics: {} })
  expect(typeof stop).toBe('function')
  expect(s.perturb).toEqual([{ kind: 'duplicate', rate: 0.5, copies: 1, spread: 10 }])
})

test('errors in a TS scenario name the file and the path', async () => {
  const dir = await tempFiles({
    'orders.jsonl': ORDERS_FIXTURE,
    'b.scenario.ts': tsScenario("sut: { command: 'node' },\n  settle: '5 parsecs',"),
  })
  const file = join(dir, 'b.scenario.ts')
  const err = await loadScenario(file).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).message).toBe(
    `${file}: invalid; at settle; expected a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds; found "5 parsecs"`,
  )
})

test('a TS scenario whose fixture is missing', async () => {
  const dir = await tempFiles({ 'c.scenario.ts': tsScenario("sut: { command: 'node' },") })
  const file = join(dir, 'c.scenario.ts')
  const err = await loadScenario(file).catch((e: unknown) => e)
  expect((err as InputError).message).toBe(
    `${file}: fixture file not found; at input[0].fixture; expected an existing file (relative paths resolve from the scenario's folder); found no file at ${join(dir, 'orders.jsonl')}`,
  )
})

test('a TS module without a default export', async () => {
  const dir = await tempFiles({ 'd.scenario.ts': 'export const x = 1\n' })
  const err = await loadScenario(join(dir, 'd.scenario.ts')).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as InputError).message).toContain('no default export; expected export default defineScenario({...})')
})

test('a scenario file that does not exist, or is not a scenario', async () => {
  const dir = await tempFiles({ 'notes.txt': 'hi' })
  await expect(loadScenario(join(dir, 'nope.scenario.yaml'))).rejects.toThrow(`${join(dir, 'nope.scenario.yaml')}: scenario file not found`)
  await expect(loadScenario(join(dir, 'notes.txt'))).rejects.toThrow('not a scenario file')
})

test('findScenarioFiles: recursive, sorted, only *.scenario.yaml|yml|ts, files given are taken as they are', async () => {
  const dir = await tempFiles({
    'b.scenario.yaml': '',
    'a.scenario.ts': '',
    'sub/deeper/c.scenario.yml': '',
    'sub/orders.jsonl': '',
    'sub/not-a.scenario.json': '',
    'node_modules/x/d.scenario.yaml': '',
    '.hidden/e.scenario.yaml': '',
    'other/f.scenario.yaml': '',
  })
  const found = await findScenarioFiles([dir, join(dir, 'other/f.scenario.yaml'), join(dir, 'sub/orders.jsonl')])
  expect(found).toEqual(
    ['a.scenario.ts', 'b.scenario.yaml', 'other/f.scenario.yaml', 'sub/deeper/c.scenario.yml', 'sub/orders.jsonl'].map((f) => join(dir, f)),
  )
  await expect(findScenarioFiles([join(dir, 'missing')])).rejects.toBeInstanceOf(InputError)
})
