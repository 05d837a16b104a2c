import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { InputError } from '../../../src/errors.ts'
import { readFixture, readFixtureAll, type ReadFixtureOptions } from '../../../src/stream/index.ts'

async function fixture(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'st-fixture-'))
  const file = join(dir, 'f.jsonl')
  await writeFile(file, text)
  return file
}

async function errorOf(text: string, opts: ReadFixtureOptions = {}): Promise<{ err: InputError; file: string }> {
  const file = await fixture(text)
  const err = await readFixtureAll(file, opts).then(
    () => {
      throw new Error('expected the fixture to be rejected')
    },
    (e: unknown) => e,
  )
  if (!(err instanceof InputError)) throw err
  return { err, file }
}

test('JSON Lines: events with source lines; blank and comment lines skipped; CRLF accepted', async () => {
  const file = await fixture(
    [
      '# orders, recorded 2023-11-14',
      '{"key":"c1","value":{"orderId":"o1"},"headers":{"h":"v"},"ts":1700000000000}',
      '',
      '// a pinned one',
      '{"key":null,"value":null,"ts":1700000000500,"partition":2,"id":"tomb"}\r',
      '   ',
      '{"value":"no key, no headers","ts":3}',
    ].join('\n'),
  )
  expect(await readFixtureAll(file)).toEqual([
    { key: 'c1', value: { orderId: 'o1' }, headers: { h: 'v' }, ts: 1700000000000, source: { file, line: 2 } },
    { key: null, value: null, headers: {}, ts: 1700000000500, partition: 2, id: 'tomb', source: { file, line: 5 } },
    { key: null, value: 'no key, no headers', headers: {}, ts: 3, source: { file, line: 7 } },
  ])
})

test('kcat -C -J lines are read as they are', async () => {
  const line =
    '{"topic":"orders","partition":1,"offset":42,"tstype":"create","ts":1700000001234,"broker":1,' +
    '"headers":["st-id","e-42","trace","t1"],"key":"customer-7","payload":"{\\"orderId\\":\\"o-42\\",\\"amount\\":12.5}"}'
  const plain = '{"topic":"orders","partition":0,"offset":7,"tstype":"create","ts":1700000001300,"broker":1,"key":null,"payload":"not json"}'
  const tomb = '{"topic":"orders","partition":0,"offset":8,"tstype":"create","ts":1700000001400,"broker":1,"headers":null,"key":"k","payload":null}'
  const file = await fixture(`${line}\n${plain}\n${tomb}\n`)
  expect(await readFixtureAll(file)).toEqual([
    {
      key: 'customer-7',
      value: { orderId: 'o-42', amount: 12.5 },
      headers: { 'st-id': 'e-42', trace: 't1' },
      ts: 1700000001234,
      partition: 1,
      source: { file, line: 1 },
    },
    { key: null, value: 'not json', headers: {}, ts: 1700000001300, partition: 0, source: { file, line: 2 } },
    { key: 'k', value: null, headers: {}, ts: 1700000001400, partition: 0, source: { file, line: 3 } },
  ])
})

test('kcat payloads of a string topic stay strings, even when they look like JSON', async () => {
  const file = await fixture('{"topic":"t","partition":0,"offset":0,"tstype":"create","ts":1,"broker":1,"key":"k","payload":"123"}\n')
  expect((await readFixtureAll(file, { value: 'string' }))[0]?.value).toBe('123')
  expect((await readFixtureAll(file))[0]?.value).toBe(123)
})

test('the committed kcat example fixture matches the JSONL one', async () => {
  const kcat = await readFixtureAll(resolve('fixtures/streams/orders.kcat.jsonl'))
  const jsonl = await readFixtureAll(resolve('fixtures/streams/orders.jsonl'))
  expect(kcat).toHaveLength(20)
  expect(kcat.map((e) => [e.key, e.value, e.ts])).toEqual(jsonl.slice(0, 20).map((e) => [e.key, e.value, e.ts]))
})

test('bytes values stay base64 strings', async () => {
  const file = await fixture('{"key":"k","value":"aGVsbG8=","ts":1}\n')
  expect((await readFixtureAll(file, { value: 'bytes' }))[0]?.value).toBe('aGVsbG8=')
})

test('json keys are kept as JSON text', async () => {
  const file = await fixture('{"key":{"id":1},"value":1,"ts":1}\n')
  expect((await readFixtureAll(file, { key: 'json' }))[0]?.key).toBe('{"id":1}')
})

test.each([
  ['bad JSON', '{"key":"a","value":1,"ts":1}\n{"key":"a",\n', 2, "bad JSON in fixture: Expected double-quoted property name"],
  ['not an object', '[1,2]\n', 1, 'fixture line is not an object'],
  ['ts missing', '{"key":"a","value":1}\n', 1, 'ts missing'],
  ['ts not a number', '{"key":"a","value":1,"ts":"1700000000000"}\n', 1, 'ts is not a number; expected ts: event time in ms since the epoch; found "1700000000000"'],
  ['ts negative', '{"key":"a","value":1,"ts":-1}\n', 1, 'ts out of range'],
  ['ts fractional', '{"key":"a","value":1,"ts":1.5}\n', 1, 'ts out of range'],
  ['value missing', '\n\n{"key":"a","ts":1}\n', 3, 'value missing'],
  ['unknown field', '{"key":"a","value":1,"tss":1,"ts":2}\n', 1, 'unknown field "tss"'],
  ['header not a string', '{"key":"a","value":1,"ts":1,"headers":{"n":5}}\n', 1, 'header "n" is not a string; expected string header values; found 5'],
  ['headers a list', '{"key":"a","value":1,"ts":1,"headers":["a","b"]}\n', 1, 'headers is not an object'],
  ['partition negative', '{"key":"a","value":1,"ts":1,"partition":-1}\n', 1, 'bad partition; expected a whole number >= 0; found -1'],
  ['key a number', '{"key":5,"value":1,"ts":1}\n', 1, 'key is not a string'],
  ['kcat headers odd', '{"topic":"t","partition":0,"offset":0,"ts":1,"headers":["a"],"key":"k","payload":"1"}\n', 1, 'kcat headers list has an odd length'],
] as const)('%s', async (_name, text, line, says) => {
  const { err, file } = await errorOf(text)
  expect(err.exitCode).toBe(2)
  expect(err.message).toContain(`${file}:${line}: ${says}`)
  expect(err.detail.line).toBe(line)
})

test('a string topic rejects a non-string value; a bytes topic rejects non-base64', async () => {
  const a = await errorOf('{"key":"a","value":{"x":1},"ts":1}\n', { value: 'string' })
  expect(a.err.message).toContain(`${a.file}:1: value is not a string (the topic's values are string)`)
  const b = await errorOf('{"key":"a","value":"not base64!","ts":1}\n', { value: 'bytes' })
  expect(b.err.message).toContain(`${b.file}:1: value is not base64`)
})

test('a missing fixture is an InputError naming it', async () => {
  const file = join(tmpdir(), 'st-no-such-fixture.jsonl')
  await expect(readFixtureAll(file)).rejects.toThrow(`${file}: fixture file not found`)
})

test('events before a bad line are delivered; the error comes at the bad line', async () => {
  const file = await fixture('{"key":"a","value":1,"ts":1}\n{"key":"b","value":2,"ts":2}\nnope\n')
  const seen: string[] = []
  const err = await (async () => {
    for await (const e of readFixture(file)) seen.push(String(e.key))
  })().catch((e: unknown) => e)
  expect(seen).toEqual(['a', 'b'])
  expect((err as InputError).detail).toMatchObject({ file, line: 3 })
})
