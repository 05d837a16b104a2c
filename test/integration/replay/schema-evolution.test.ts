import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, inject, test } from 'vitest'
import { record } from '../../../src/cli/record.ts'
import { InputError } from '../../../src/errors.ts'
import { buildPlan } from '../../../src/replay/build-plan.ts'
import { registryFor, valueEncoder } from '../../../src/kafka/codec.ts'
import { replayPlan } from '../../../src/replay/replay-plan.ts'
import { createRunTopics } from '../../../src/kafka/run-namespace.ts'
import type { StreamEvent } from '../../../src/stream/event.ts'
import { readFixtureAll } from '../../../src/stream/read-fixture.ts'
import { consumeN } from '../helpers/consume.ts'
import { useSharedKafka } from '../helpers/kafka.ts'

// evolve-schema on the real broker and the embedded registry: the wire format's schema id changes at the point.
const at = (p: string) => fileURLToPath(new URL(`../../../fixtures/${p}`, import.meta.url))
const V1 = at('schemas/order-v1.avsc')
const V2 = at('schemas/order-v2-reordered.avsc')
const conn = inject('kafka')
const { kafka, admin } = useSharedKafka('schema-evolution-test')

async function replayWith(topic: string, schema: string, compatibility: string, evolveTo?: string, given?: StreamEvent[]) {
  const events = given ?? (await readFixtureAll(at('streams/orders.jsonl'))).slice(0, 40)
  await createRunTopics(admin, [{ name: topic, partitions: 1 }])
  const plan = buildPlan([{ topic, partitions: 1, events }], evolveTo ? [{ kind: 'evolve-schema', after: 0.5, schema: evolveTo, topic }] : [], 3)
  const encode = await valueEncoder(topic, { partitions: 1, key: 'string', value: 'avro', schema, compatibility }, () => registryFor(conn))
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  try {
    await replayPlan(plan, { producer, targets: { [topic]: { name: topic, key: 'string', encode } } })
  } finally {
    await producer.disconnect()
  }
  return events
}

test('events before the point carry v1 schema id, events after it v2 (the next version of the subject); both decode to what was sent', async () => {
  const topic = `it.evolve.${randomUUID().slice(0, 8)}`
  const events = await replayWith(topic, await readFile(V1, 'utf8'), 'FULL', V2)
  const got = await consumeN(kafka, topic, 40, { groupId: `it-${randomUUID()}` })
  const ids = got.map((m) => (m.bytes as Buffer).readInt32BE(1))
  expect(got.every((m) => m.bytes?.[0] === 0)).toBe(true)
  const [v1] = ids
  const v2 = ids[20]
  expect(v2).not.toBe(v1)
  expect(ids).toEqual([...Array(20).fill(v1), ...Array(20).fill(v2)])
  const versions = await (await fetch(`${conn.registryUrl}/subjects/${topic}-value/versions`)).json()
  expect(versions).toEqual([1, 2])
  const latest = (await (await fetch(`${conn.registryUrl}/subjects/${topic}-value/versions/latest`)).json()) as { id: number }
  expect(latest.id).toBe(v2)
  const registry = registryFor(conn)
  const decoded = await Promise.all(got.map((m) => registry.decode(m.bytes as Buffer)))
  expect(decoded.map((v) => ({ ...v }))).toEqual(events.map((e) => e.value))

  // recorded, the stream keeps its two schemas: each line names its schema file, written next to the fixture
  const dir = await mkdtemp(join(tmpdir(), 'st-evolve-record-'))
  const out = join(dir, 'orders.jsonl')
  expect(await record.run({ args: [], opts: { topic, brokers: conn.brokers.join(','), registry: conn.registryUrl, out } })).toBe(0)
  const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { schema?: string })
  expect(lines.map((l) => l.schema)).toEqual([...Array(20).fill(`orders.schema-${v1}.avsc`), ...Array(20).fill(`orders.schema-${v2}.avsc`)])
  expect(JSON.parse(await readFile(join(dir, `orders.schema-${v2}.avsc`), 'utf8'))).toEqual(JSON.parse(await readFile(V2, 'utf8')))
  // replayed into a fresh topic without any perturbation, the id changes at the same event
  const again = `it.evolve.${randomUUID().slice(0, 8)}`
  await replayWith(again, await readFile(V1, 'utf8'), 'FULL', undefined, await readFixtureAll(out))
  const replayed = await consumeN(kafka, again, 40, { groupId: `it-${randomUUID()}` })
  const newIds = replayed.map((m) => (m.bytes as Buffer).readInt32BE(1))
  expect(newIds.indexOf(newIds[39] as number)).toBe(20)
  expect(newIds[0]).not.toBe(newIds[39])
  expect(await (await fetch(`${conn.registryUrl}/subjects/${again}-value/versions`)).json()).toEqual([1, 2])
})

test('a change the subject level forbids stops the replay with the registry reason, naming the schema file', async () => {
  const topic = `it.evolve.${randomUUID().slice(0, 8)}`
  const required = JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'orderId', type: 'string' }, { name: 'customer', type: 'string' }, { name: 'amount', type: 'double' }, { name: 'note', type: 'string' }] })
  const file = join(await mkdtemp(join(tmpdir(), 'st-evolve-')), 'required.avsc')
  await writeFile(file, required)
  const err = await replayWith(topic, await readFile(V1, 'utf8'), 'BACKWARD', file).then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(InputError)
  expect((err as Error).message).toMatch(new RegExp(`^${file}: the schema registry refused the new schema for subject ${topic.replaceAll('.', '\\.')}-value \\(BACKWARD\\): .*no matching field for default-less shop\\.Order\\.note`))
  // v2 never became a version of the subject
  const versions = await (await fetch(`${conn.registryUrl}/subjects/${topic}-value/versions`)).json()
  expect(versions).toEqual([1])
})
