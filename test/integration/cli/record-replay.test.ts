import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { record } from '../../../src/cli/record.ts'
import { replay } from '../../../src/cli/replay.ts'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'
import { readFixtureAll } from '../../../src/stream/read-fixture.ts'
import { spawnCli } from './spawn-cli.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

const conn = inject('kafka')
const brokers = conn.brokers.join(',')
const { kafka, admin } = useSharedKafka('record-replay-test')
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-record-replay-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function topic(partitions: number): Promise<string> {
  const name = `it.rr.${randomUUID().slice(0, 8)}`
  await createRunTopics(admin, [{ name, partitions }])
  return name
}

const BASE = 1_700_000_000_000

/** What the source topic holds: keyed and keyless records, JSON, text and a tombstone, out-of-order times. */
function sourceRecords(): { partition: number; key: string | null; value: string | null; headers: Record<string, string>; ts: number }[] {
  return Array.from({ length: 60 }, (_, i) => ({
    partition: i % 3,
    key: i % 7 === 0 ? null : `k${i % 5}`,
    value: i === 13 ? null : i % 4 === 0 ? `plain text ${i}` : JSON.stringify({ n: i, tags: ['a', i % 2 === 0], nested: { x: i / 2 } }),
    headers: i % 3 === 0 ? {} : { origin: 'test', n: String(i) },
    // per partition mostly increasing, with some records behind their predecessor
    ts: BASE + i * 1000 - (i % 6 === 5 ? 4500 : 0),
  }))
}

function expectedValue(v: string | null): unknown {
  if (v === null) return null
  try {
    return JSON.parse(v) as unknown
  } catch {
    return v
  }
}

function byPartition(events: StreamEvent[]): Map<number, StreamEvent[]> {
  const out = new Map<number, StreamEvent[]>()
  for (const e of events) out.set(e.partition ?? -1, [...(out.get(e.partition ?? -1) ?? []), e])
  return out
}

const strip = ({ source: _s, ...e }: StreamEvent): StreamEvent => e

test('record (spawned CLI), replay (spawned CLI), record again: same keys, values, headers, timestamps, partitions, order', async () => {
  const src = await topic(3)
  const sent = sourceRecords()
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  await producer.send({ topic: src, messages: sent.map((r) => ({ partition: r.partition, key: r.key, value: r.value, headers: r.headers, timestamp: String(r.ts) })) })
  await producer.disconnect()

  // record: brokers from KAFKA_BROKERS, fixture to a file
  const a = join(dir, 'a.jsonl')
  const rec = await spawnCli(['record', '--topic', src, '--out', a], { ...process.env, KAFKA_BROKERS: brokers })
  expect(rec.stderr).toContain(`recorded 60 records from ${src} (3 partitions)`)
  expect(rec.code).toBe(0)
  const recorded = (await readFixtureAll(a)).map(strip)
  for (const p of [0, 1, 2]) {
    const want = sent.filter((r) => r.partition === p).map((r) => ({ key: r.key, value: expectedValue(r.value), headers: r.headers, ts: r.ts, partition: p }))
    expect(byPartition(recorded).get(p)).toEqual(want)
  }

  // replay into a fresh topic
  const dst = await topic(3)
  const rep = await spawnCli(['replay', a, '--topic', dst, '--brokers', brokers, '--seed', '5'])
  expect(rep.stderr).toContain('seed 5 (repeat with --seed 5)')
  expect(rep.stdout).toMatch(new RegExp(`^replayed 60 records to ${dst.replaceAll('.', '\\.')} \\(3 of 3 partitions\\) in \\d+\\.\\d\\d s, \\d+ records/s\\n$`))
  expect(rep.code).toBe(0)

  // record the copy (in process): the same events, each now carrying its harness id
  const b = join(dir, 'b.jsonl')
  expect(await record.run({ args: [], opts: { topic: dst, brokers, out: b } })).toBe(0)
  const again = (await readFixtureAll(b)).map(strip)
  expect(again).toEqual(recorded.map((e, i) => ({ ...e, headers: { ...e.headers, 'st-id': `${dst}-${i}` } })))

  // a second round trip keeps the ids it found: the fixture comes back byte for byte
  const dst2 = await topic(3)
  expect(await replay.run({ args: [b], opts: { topic: dst2, brokers, seed: '9', pace: 'max', valueFormat: 'json' } })).toBe(0)
  const c = join(dir, 'c.jsonl')
  expect(await record.run({ args: [], opts: { topic: dst2, brokers, out: c } })).toBe(0)
  expect(await readFile(c, 'utf8')).toBe(await readFile(b, 'utf8'))
})

test('record --from / --to select by timestamp (inclusive), --max stops early', async () => {
  const t = await topic(1)
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  await producer.send({ topic: t, messages: Array.from({ length: 30 }, (_, i) => ({ partition: 0, key: `k${i}`, value: JSON.stringify({ i }), timestamp: String(BASE + i * 1000) })) })
  await producer.disconnect()

  const ranged = join(dir, 'ranged.jsonl')
  const opts = { topic: t, brokers, from: String(BASE + 5000), to: new Date(BASE + 9000).toISOString(), out: ranged }
  expect(await record.run({ args: [], opts })).toBe(0)
  expect((await readFixtureAll(ranged)).map((e) => e.value)).toEqual([5, 6, 7, 8, 9].map((i) => ({ i })))

  const first = join(dir, 'first.jsonl')
  expect(await record.run({ args: [], opts: { topic: t, brokers, max: '4', out: first } })).toBe(0)
  expect((await readFixtureAll(first)).map((e) => e.key)).toEqual(['k0', 'k1', 'k2', 'k3'])
})
