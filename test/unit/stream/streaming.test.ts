import { createWriteStream } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { readFixture } from '../../../src/stream/index.ts'

const LINES = 200_000

test(`readFixture streams a ${LINES}-line fixture event by event`, async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'st-big-')), 'big.jsonl')
  const out = createWriteStream(file)
  for (let i = 0; i < LINES; i++) {
    const line = `{"key":"k${i % 100}","value":{"n":${i}},"headers":{},"ts":${1700000000000 + i}}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')

  let count = 0
  let lastTs = 0
  let lastLine = 0
  const it = readFixture(file)[Symbol.asyncIterator]()
  for (let r = await it.next(); !r.done; r = await it.next()) {
    count++
    lastTs = r.value.ts
    lastLine = r.value.source?.line ?? -1
  }
  expect(count).toBe(LINES)
  expect(lastTs).toBe(1700000000000 + LINES - 1)
  expect(lastLine).toBe(LINES)
})

test('a consumer can stop early: break ends the iteration cleanly', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'st-big-')), 'small.jsonl')
  const out = createWriteStream(file)
  for (let i = 0; i < 1000; i++) out.write(`{"key":"k","value":${i},"ts":${i}}\n`)
  out.end()
  await once(out, 'finish')
  const seen: unknown[] = []
  for await (const e of readFixture(file)) {
    seen.push(e.value)
    if (seen.length === 3) break
  }
  expect(seen).toEqual([0, 1, 2])
})
