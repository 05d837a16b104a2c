import { join } from 'node:path'
import { expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { loadScenario } from '../../../src/scenario/index.ts'
import { loadWithOrders, ORDERS_FIXTURE, tempFiles } from './tmp-files.ts'

async function loadError(yaml: string): Promise<{ err: InputError; file: string }> {
  const { file, loading } = await loadWithOrders(yaml)
  const err = await loading.then(
    () => {
      throw new Error('expected the scenario to be rejected')
    },
    (e: unknown) => e,
  )
  if (!(err instanceof InputError)) throw err
  return { err, file }
}

const GOOD = `name: positions
topics:
  orders: { partitions: 3 }
  out: {}
input:
  - topic: orders
    fixture: orders.jsonl
sut: { command: node }
output: [{ topic: out }]
oracles:
  - exactly-once: { output: out }
`

test('a good scenario loads, with inline events pointing at their YAML lines', async () => {
  const dir = await tempFiles({
    'orders.jsonl': ORDERS_FIXTURE,
    'x.scenario.yaml': GOOD.replace(
      '    fixture: orders.jsonl\n',
      '    events:\n      - { key: a, value: 1, ts: 10 }\n      - key: b\n        value: 2\n        ts: 20\n',
    ),
  })
  const file = join(dir, 'x.scenario.yaml')
  const s = await loadScenario(file)
  expect(s.input[0]?.events).toEqual([
    { key: 'a', value: 1, headers: {}, ts: 10, source: { file, line: 8 } },
    { key: 'b', value: 2, headers: {}, ts: 20, source: { file, line: 9 } },
  ])
})

test('a value in a block map: line and column of the value, and the structured detail', async () => {
  const { err, file } = await loadError(`${GOOD}perturb:\n  - duplicate:\n      rate: 1.5\n`)
  expect(err.detail).toEqual({ file, line: 14, column: 13, path: 'perturb[0].duplicate.rate', expected: 'a number <= 1', found: '1.5' })
  expect(err.message).toBe(`${file}:14:13: too big; at perturb[0].duplicate.rate; expected a number <= 1; found 1.5`)
})

test('a value in a flow map', async () => {
  const { err, file } = await loadError(GOOD.replace('orders: { partitions: 3 }', 'orders: { partitions: -3 }'))
  expect(err.message).toBe(`${file}:3:25: too small; at topics.orders.partitions; expected a number >= 1; found -3`)
})

test('a missing key points at its parent', async () => {
  const { err, file } = await loadError(`${GOOD}perturb:\n  - late:\n      rate: 0.1\n`)
  expect(err.message).toBe(
    `${file}:14:7: missing; at perturb[0].late.by; expected a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds; found nothing`,
  )
})

test('an empty value points at its key', async () => {
  const { err, file } = await loadError(GOOD.replace('sut: { command: node }', 'sut:\n  command:'))
  expect(err.message).toBe(`${file}:9:3: wrong type; at sut.command; expected a string; found null (empty)`)
})

test('several problems: one InputError, one line each, in file order', async () => {
  const { err, file } = await loadError(
    GOOD.replace('orders: { partitions: 3 }', 'orders: { partitions: 0 }') + 'timeout: soon\nperturb:\n  - shuffle: {}\n',
  )
  expect(err.exitCode).toBe(2)
  expect(err.message.split('\n')).toEqual([
    `${file}: 3 problems in this scenario:`,
    `  ${file}:3:25: too small; at topics.orders.partitions; expected a number >= 1; found 0`,
    `  ${file}:12:10: invalid; at timeout; expected a duration like '300ms', '5s', '10m', '1h' or a number of milliseconds; found "soon"`,
    `  ${file}:14:5: unknown perturbation; at perturb[0].shuffle; expected a perturbation: one of reorder, duplicate, late, burst, replay, crash-sut, pause-sut, scale-sut, restart-broker, kill-broker, pause-broker, network, evolve-schema; found "shuffle"`,
  ])
})

test('a YAML syntax error names its line and column and the yaml message', async () => {
  const { err, file } = await loadError('name: x\ntopics:\n  orders: { partitions: 3\n')
  expect(err.detail.file).toBe(file)
  expect(err.detail.line).toBe(4)
  expect(err.message).toMatch(new RegExp(`^${file}:4:1: YAML syntax error: .*(flow|}|end)`, 'i'))
})

test('an empty file is a scenario with nothing in it', async () => {
  const { err, file } = await loadError('')
  expect(err.message).toBe(`${file}:1:1: wrong type; expected an object (key: value); found null (empty)`)
})
