import { expect, test } from 'vitest'
import { containerSpecs, REGISTRY_IMAGE } from '../../../../src/env/containers/container-specs.ts'
import { serverProperties } from '../../../../src/env/local/broker-config.ts'
import { KAFKA_VERSION } from '../../../../src/env/local/kafka-jars.ts'
import { parseProperties } from '../properties.ts'

const specs = containerSpecs(40123, 40124)

/** The apache/kafka image maps KAFKA_FOO_BAR=x to foo.bar=x in server.properties. */
function asProperties(env: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries(env)
      .filter(([k]) => k.startsWith('KAFKA_'))
      .map(([k, v]) => [k.slice('KAFKA_'.length).toLowerCase().replaceAll('_', '.'), v]),
  )
}

test('kafka: same version as local, host port bound 1:1 and advertised as 127.0.0.1, registry reaches it on kafka:19092', () => {
  expect(specs.kafka.image).toBe(`apache/kafka:${KAFKA_VERSION}`)
  expect(specs.kafka.ports).toEqual([40123])
  expect(specs.kafka.env.KAFKA_LISTENERS).toBe('HOST://0.0.0.0:40123,DOCKER://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093')
  expect(specs.kafka.env.KAFKA_ADVERTISED_LISTENERS).toBe('HOST://127.0.0.1:40123,DOCKER://kafka:19092')
  expect(specs.kafka.env.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('DOCKER')
  expect(specs.kafka.alias).toBe('kafka')
  expect('[2026-01-01] INFO [KafkaRaftServer nodeId=1] Kafka Server started (kafka.server.KafkaRaftServer)').toMatch(specs.kafka.waitLog)
})

test('registry: its port bound 1:1, its store on the docker listener', () => {
  expect(specs.registry.image).toBe(REGISTRY_IMAGE)
  expect(specs.registry.ports).toEqual([40124])
  expect(specs.registry.env.SCHEMA_REGISTRY_LISTENERS).toBe('http://0.0.0.0:40124')
  expect(specs.registry.env.SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS).toBe('PLAINTEXT://kafka:19092')
  expect(specs.registry.env.SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR).toBe('1')
})

test('the container broker has the local broker test-friendly settings, key for key', () => {
  const local = parseProperties(serverProperties({ broker: 1, controller: 2 }, '/d'))
  const container = asProperties(specs.kafka.env)
  const testFriendly = [
    'offsets.topic.replication.factor',
    'offsets.topic.num.partitions',
    'transaction.state.log.replication.factor',
    'transaction.state.log.min.isr',
    'transaction.state.log.num.partitions',
    'share.coordinator.state.topic.replication.factor',
    'share.coordinator.state.topic.min.isr',
    'group.initial.rebalance.delay.ms',
    'group.min.session.timeout.ms',
    'auto.create.topics.enable',
    'num.partitions',
  ]
  const pick = (m: Map<string, string>): Record<string, string | undefined> => Object.fromEntries(testFriendly.map((k) => [k, m.get(k)]))
  expect(pick(container)).toEqual(pick(local))
  expect(Object.values(pick(local)).every((v) => v !== undefined)).toBe(true)
})

test('a Kafka version can be pinned', () => {
  expect(containerSpecs(1, 2, '3.9.1').kafka.image).toBe('apache/kafka:3.9.1')
})
