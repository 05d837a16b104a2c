import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { record } from '../../../src/cli/record.ts'
import { replay } from '../../../src/cli/replay.ts'
import { parsePerturbSpec } from '../../../src/perturb/spec.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import { registryFor } from '../../../src/kafka/codec.ts'
import type { ProduceOp } from '../../../src/replay/plan.ts'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'
import { readFixtureAll } from '../../../src/stream/read-fixture.ts'
import { recordTopic } from '../../../src/stream/record-topic.ts'
import { writeFixture } from '../../../src/stream/write-fixture.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

const SCHEMA = fileURLToPath(new URL('../../../fixtures/streams/reading.avsc', import.meta.url))
const conn = inject('kafka')
const { kafka, admin } = useSharedKafka('avro-replay-test')
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-avro-replay-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** 10,000 readings from 40 sensors (a few keyless), event times with disorder, headers on some. */
function readings(n: number): StreamEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    key: i % 97 === 0 ? null : `sensor-${i % 40}`,
    value: { sensor: `sensor-${i % 40}`, seq: i, celsius: Math.round((i % 300) * 7.25 - 400) / 4, ok: i % 5 !== 0, note: i % 11 === 0 ? `note ${i}` : null },
    headers: i % 3 === 0 ? { origin: 'bench', batch: String(Math.floor(i / 100)) } : {},
    ts: 1_700_000_000_000 + i * 25 - (i % 13 === 0 ? 3_000 : 0),
  }))
}

const sent = (op: ProduceOp) => ({ key: op.key, value: op.value, headers: op.headers, ts: op.ts })
const read = (e: StreamEvent) => ({ key: e.key, value: e.value, headers: e.headers, ts: e.ts })

test('10,000 Avro events through the registry are replayed and read back exactly as planned, per partition', async () => {
  const fixture = join(dir, 'readings.jsonl')
  await writeFixture(fixture, readings(10_000))
  const topic = `it.avro.${randomUUID().slice(0, 8)}`
  await createRunTopics(admin, [{ name: topic, partitions: 4 }])
  const perturb = 'reorder:within=2s,duplicate:rate=0.05:spread=30'

  const opts = { topic, brokers: conn.brokers.join(','), registry: conn.registryUrl, seed: '42', perturb, pace: 'max', valueFormat: 'avro', schema: SCHEMA }
  expect(await replay.run({ args: [fixture], opts })).toBe(0)

  // the plan the command must have produced: same fixture, same perturbation, same seed
  const events = await readFixtureAll(fixture, { value: 'avro' })
  const plan = buildPlan([{ topic, partitions: 4, events, idOf: (e) => e.headers['st-id'] }], parsePerturbSpec(perturb), 42)
  const ops = plan.ops.filter((op): op is ProduceOp => op.kind === 'produce')
  expect(ops.length).toBeGreaterThan(10_000)

  // read back with the record command, decoding through the registry
  const out = join(dir, 'back.jsonl')
  expect(await record.run({ args: [], opts: { topic, brokers: conn.brokers.join(','), registry: conn.registryUrl, out } })).toBe(0)
  const back = await readFixtureAll(out)
  expect(back).toHaveLength(ops.length)
  for (const p of [0, 1, 2, 3]) {
    const want = ops.filter((op) => op.partition === p).map(sent)
    const got = back.filter((e) => e.partition === p).map(read)
    expect(want.length).toBeGreaterThan(0)
    expect(got).toEqual(want)
  }

  // and the bytes on the topic are Confluent wire format with the id registered for <topic>-value
  const id = await registryFor(conn).getLatestSchemaId(`${topic}-value`)
  const raw = await recordTopic(kafka, topic, { max: 20, valueFormat: 'bytes' })
  for (const e of raw.events) {
    const bytes = Buffer.from(e.value as string, 'base64')
    expect([bytes[0], bytes.readInt32BE(1)]).toEqual([0, id])
  }
})
