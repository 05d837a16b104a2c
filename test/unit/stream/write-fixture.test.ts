import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { formatEventLine, readFixtureAll, writeFixture, type StreamEvent } from '../../../src/stream/index.ts'

const events: StreamEvent[] = [
  { key: 'c1', value: { orderId: 'o1', amount: 3.5 }, headers: { 'st-id': 'e1' }, ts: 1700000000000, source: { file: 'x', line: 9 } },
  { key: null, value: null, headers: {}, ts: 1700000000100, partition: 2, id: 'e2' },
  { key: 'c3', value: 'text with\nnewline', headers: {}, ts: 1700000000200 },
]

test('formatEventLine writes the fixture fields in order and leaves out source', () => {
  expect(formatEventLine(events[0] as StreamEvent)).toBe(
    '{"key":"c1","value":{"orderId":"o1","amount":3.5},"headers":{"st-id":"e1"},"ts":1700000000000}',
  )
  expect(formatEventLine(events[1] as StreamEvent)).toBe('{"key":null,"value":null,"headers":{},"ts":1700000000100,"partition":2,"id":"e2"}')
})

test('writeFixture then readFixtureAll gives the same events back (source aside)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'st-write-'))
  const file = join(dir, 'nested', 'regressions', 'case.jsonl')
  await writeFixture(file, events)
  const back = await readFixtureAll(file)
  expect(back.map(({ source, ...e }) => e)).toEqual(events.map(({ source, ...e }) => e))
  expect(back.map((e) => e.source?.line)).toEqual([1, 2, 3])
  expect((await readFile(file, 'utf8')).split('\n')).toHaveLength(4)
})

test('writeFixture takes an async iterable', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'st-write-'))
  const file = join(dir, 'gen.jsonl')
  async function* gen() {
    for (let i = 0; i < 1000; i++) yield { key: `k${i % 7}`, value: { i }, headers: {}, ts: i } satisfies StreamEvent
  }
  await writeFixture(file, gen())
  const back = await readFixtureAll(file)
  expect(back).toHaveLength(1000)
  expect(back[999]).toMatchObject({ key: 'k5', value: { i: 999 }, ts: 999 })
})

test('a failing source leaves the previous fixture untouched and no temp file behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'st-write-'))
  const file = join(dir, 'keep.jsonl')
  await writeFile(file, 'old content\n')
  async function* broken() {
    yield events[0] as StreamEvent
    throw new Error('generator broke')
  }
  await expect(writeFixture(file, broken())).rejects.toThrow('generator broke')
  expect(await readFile(file, 'utf8')).toBe('old content\n')
  expect(await readdir(dir)).toEqual(['keep.jsonl'])
})
