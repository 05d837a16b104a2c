import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dockerEngine, startContainersEnvironment } from '../../../src/env/containers/index.ts'
import { kafkaFor, type Environment } from '../../../src/env/index.ts'
import { consumeN } from '../helpers/consume.ts'

// The containers environment needs a Docker engine; without one the suite is skipped, and says why.
const engine = await dockerEngine(5000)
if (!engine.ok) console.log(`[integration] containers environment tests skipped: ${engine.reason}`)

describe.skipIf(!engine.ok)('containers environment (apache/kafka + cp-schema-registry)', () => {
  let env: Environment

  beforeAll(async () => {
    env = await startContainersEnvironment()
  }, 300_000)
  afterAll(() => env?.stop())

  test('connection points at the host-bound ports', () => {
    expect(env.connection.kind).toBe('containers')
    expect(env.connection.brokers).toHaveLength(1)
    expect(env.connection.brokers[0]).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(env.connection.registryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  test('produce, then a fresh consumer group reads every record back', async () => {
    const kafka = kafkaFor(env.connection, 'containers-test')
    const admin = kafka.admin()
    await admin.connect()
    const topic = `it.${randomUUID()}`
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    await admin.disconnect()
    const producer = kafka.producer()
    await producer.connect()
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) })
    await producer.disconnect()
    const got = await consumeN(kafka, topic, 10, { groupId: `it-${randomUUID()}` })
    expect(got.map((m) => m.value).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`).sort())
  })

  test('the Confluent registry answers /subjects', async () => {
    const res = await fetch(`${env.connection.registryUrl}/subjects`)
    expect(res.status).toBe(200)
    expect(Array.isArray(await res.json())).toBe(true)
  })
})
